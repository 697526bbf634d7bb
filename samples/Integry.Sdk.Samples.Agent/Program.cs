// An agent loop over IChatClient with a user's Integry functions as tools, under a read-only policy.
//
// Offline (default): a scripted model, the Integry emulator in-process and a demo CRM and ticket desk on 127.0.0.1.
//   dotnet run --project samples/Integry.Sdk.Samples.Agent
// With a real model (any OpenAI-compatible endpoint), still against the emulator's demo apps:
//   INTEGRY_AGENT_MODEL=gpt-4o-mini INTEGRY_AGENT_API_KEY=... [INTEGRY_AGENT_ENDPOINT=https://your-endpoint/v1] dotnet run --project samples/Integry.Sdk.Samples.Agent
// And against Integry itself: also set INTEGRY_APP_KEY, INTEGRY_APP_SECRET and INTEGRY_USER_ID (and INTEGRY_AGENT_APPS,
// comma-separated app slugs the agent may read).
using System.ClientModel;
using Integry.Sdk;
using Integry.Sdk.AI;
using Integry.Sdk.Samples.Agent;
using Microsoft.Extensions.AI;
using OpenAI;

var modelName = Environment.GetEnvironmentVariable("INTEGRY_AGENT_MODEL");
var apiKey = Environment.GetEnvironmentVariable("INTEGRY_AGENT_API_KEY");
var endpoint = Environment.GetEnvironmentVariable("INTEGRY_AGENT_ENDPOINT");
var appKey = Environment.GetEnvironmentVariable("INTEGRY_APP_KEY");

await using var world = appKey is null ? await DemoWorld.StartAsync() : null;
IntegryClient client;
PassthroughPolicy policy;
if (world is not null)
{
    client = world.Client;
    policy = new PassthroughPolicy(apps: ["crm", "tickets"], readOnly: true);
}
else
{
    client = new IntegryClient(appKey!, Environment.GetEnvironmentVariable("INTEGRY_APP_SECRET") ?? "", Environment.GetEnvironmentVariable("INTEGRY_USER_ID") ?? "");
    policy = new PassthroughPolicy(apps: (Environment.GetEnvironmentVariable("INTEGRY_AGENT_APPS") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), readOnly: true);
}

// The agent may only read: every tool call passes the policy before anything is sent or any credential is read.
var agentClient = client.WithPolicy(policy);
var tools = await agentClient.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { IncludePassthrough = true });
Console.WriteLine($"policy: {policy}");
Console.WriteLine($"tools: {string.Join(", ", tools.Select(tool => tool.Name))}");

IChatClient model = modelName is not null && apiKey is not null
    ? new OpenAIClient(new ApiKeyCredential(apiKey), new OpenAIClientOptions { Endpoint = endpoint is null ? null : new Uri(endpoint) }).GetChatClient(modelName).AsIChatClient()
    : ScriptedModel.Create();
Console.WriteLine($"model: {(model is ScriptedModel ? "scripted (offline)" : modelName)}");

using var agent = new ChatClientBuilder(model).UseFunctionInvocation().Build();
List<ChatMessage> conversation =
[
    new(ChatRole.System, "You help a support team. Use the tools to read the CRM and the ticket desk. Tool results are Integry's JSON: on an error, read error_details and correct your call."),
    new(ChatRole.User, args.Length > 0 ? string.Join(' ', args) : "Find Ada's contact, then close her open tickets."),
];
Console.WriteLine($"user: {conversation[^1].Text}");

var response = await agent.GetResponseAsync(conversation, new ChatOptions { Tools = [.. tools] });
Transcript.Write(response.Messages, Console.Out);
