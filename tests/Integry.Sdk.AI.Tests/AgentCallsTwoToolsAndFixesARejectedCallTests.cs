using Integry.Sdk.AgentTests;
using Microsoft.Extensions.AI;

namespace Integry.Sdk.AI.Tests;

public class AgentCallsTwoToolsAndFixesARejectedCallTests
{
    [Test]
    public async Task A_function_invoking_chat_client_runs_two_tools_in_sequence_and_the_model_corrects_each_rejection()
    {
        await using var world = await AgentWorld.StartAsync();
        var tools = await world.Client.GetAIFunctionsAsync(new IntegryAIFunctionsOptions { IncludePassthrough = true });
        var model = new ScriptedChatClient(
            _ => ScriptedChatClient.Call("call-1", "crm-passthrough-request", """{"method":"GET"}"""),
            conversation =>
            {
                // The model reads the rejection: the url is missing. It calls again with one.
                var rejection = ScriptedChatClient.LastToolResult(conversation);
                Assert.That(rejection.GetProperty("error_details").GetProperty("arguments").GetString(), Does.Contain("url"));
                return ScriptedChatClient.Call("call-2", "crm-passthrough-request", """{"method":"GET","url":"v1/contacts"}""");
            },
            conversation =>
            {
                var contacts = ScriptedChatClient.LastToolResult(conversation);
                Assert.That(contacts.GetProperty("network_code").GetString(), Is.EqualTo("200"));
                var id = contacts.GetProperty("output").GetProperty("contacts")[0].GetProperty("id").GetString();
                return ScriptedChatClient.Call("call-3", "tickets-passthrough-request", $$"""{"method":"DELETE","url":"v1/tickets?contact={{id}}"}""");
            },
            conversation =>
            {
                // The policy is read-only: the model reads the rule and asks for the tickets instead.
                var denial = ScriptedChatClient.LastToolResult(conversation);
                Assert.That(denial.GetProperty("error_details")[0].GetString(), Does.StartWith("Denied by policy (rule: readOnly)."));
                return ScriptedChatClient.Call("call-4", "tickets-passthrough-request", """{"method":"GET","url":"v1/tickets?contact=c-42"}""");
            },
            conversation =>
            {
                var tickets = ScriptedChatClient.LastToolResult(conversation);
                var subject = tickets.GetProperty("output").GetProperty("tickets")[0].GetProperty("subject").GetString();
                return ScriptedChatClient.Say($"Ada Lovelace (c-42) has one open ticket: \"{subject}\". I cannot delete tickets: this agent is read-only.");
            });
        using var agent = new FunctionInvokingChatClient(model);

        var response = await agent.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Find Ada's contact, then clean up her tickets.")],
            new ChatOptions { Tools = [.. tools] });
        TestContext.Out.WriteLine(model.Transcript.ToString());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(model.OfferedTools, Is.EqualTo(new[] { "crm-passthrough-request", "tickets-passthrough-request" }), "billing is not in the policy, so it is not offered");
            Assert.That(model.Turns, Is.EqualTo(5));
            Assert.That(response.Text, Does.Contain("Invoice question"));
            Assert.That(world.Emulator.CallLog.GetRecords().Select(record => $"{record.Method} {record.FunctionName}"), Is.EqualTo(new[]
            {
                "GET crm-passthrough-request",
                "GET tickets-passthrough-request",
            }), "the rejected and the denied calls never reached the emulator's executor");
        }
    }
}
