using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Integry.Sdk.Samples.Agent;

/// <summary>
/// A stand-in for a model, so the sample runs offline: it reads the last tool result and decides the next step as a
/// model would, including reading a denial and asking for something the policy allows.
/// </summary>
internal sealed class ScriptedModel : IChatClient
{
    private ScriptedModel()
    {
    }

    public static IChatClient Create() => new ScriptedModel();

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var results = messages.SelectMany(message => message.Contents).OfType<FunctionResultContent>().Select(result => result.Result is JsonElement json ? json : default).ToList();
        var response = results.Count switch
        {
            0 => Call("crm-passthrough-request", """{"method":"GET"}"""),
            1 when Rejected(results[^1]) => Call("crm-passthrough-request", """{"method":"GET","url":"v1/contacts?name=Ada"}"""),
            2 => Call("tickets-passthrough-request", $$$"""{"method":"PATCH","url":"v1/tickets?contact={{{ContactId(results[^1])}}}","body":{"status":"closed"}}"""),
            3 when Rejected(results[^1]) => Call("tickets-passthrough-request", """{"method":"GET","url":"v1/tickets?contact=c-42"}"""),
            _ => Say(results[^1]),
        };
        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType == typeof(ScriptedModel) ? this : null;

    public void Dispose()
    {
    }

    private static bool Rejected(JsonElement result) => result.ValueKind == JsonValueKind.Object && result.TryGetProperty("error", out _);

    private static string ContactId(JsonElement result) =>
        result.GetProperty("output").GetProperty("contacts")[0].GetProperty("id").GetString()!;

    private static ChatResponse Say(JsonElement tickets)
    {
        var open = tickets.GetProperty("output").GetProperty("tickets").EnumerateArray().Select(ticket => $"{ticket.GetProperty("id").GetString()} \"{ticket.GetProperty("subject").GetString()}\"");
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, $"Ada Lovelace (c-42) has these open tickets: {string.Join(", ", open)}. I could not close them: this agent may only read (the policy denied the PATCH)."));
    }

    private static ChatResponse Call(string tool, string argumentsJson)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        var arguments = document.RootElement.EnumerateObject().ToDictionary(property => property.Name, property => (object?)property.Value.Clone());
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("call-" + Guid.NewGuid().ToString("N")[..8], tool, arguments)]));
    }
}
