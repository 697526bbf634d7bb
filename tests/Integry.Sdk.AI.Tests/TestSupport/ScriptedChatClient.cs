using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Integry.Sdk.AgentTests;

/// <summary>
/// A chat client that plays a model from a script: each turn reads the conversation so far (the tool results above
/// all) and answers with tool calls or text. No network; every exchange is written to <see cref="Transcript"/>.
/// </summary>
internal sealed class ScriptedChatClient(params Func<IReadOnlyList<ChatMessage>, ChatResponse>[] turns) : IChatClient
{
    private int _turn;

    public StringBuilder Transcript { get; } = new();

    public IReadOnlyList<string> OfferedTools { get; private set; } = [];

    public int Turns => _turn;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conversation = messages.ToList();
        OfferedTools = options?.Tools?.Select(tool => tool.Name).ToArray() ?? [];
        if (_turn == 0)
        {
            Transcript.AppendLine("tools offered: " + string.Join(", ", OfferedTools));
            foreach (var message in conversation)
            {
                Transcript.AppendLine(FormattableString.Invariant($"{message.Role}: {message.Text}"));
            }
        }
        else
        {
            foreach (var result in conversation[^1].Contents.OfType<FunctionResultContent>())
            {
                Transcript.AppendLine(FormattableString.Invariant($"tool result [{result.CallId}]: {Text(result.Result)}"));
            }
        }

        if (_turn >= turns.Length)
        {
            throw new InvalidOperationException($"The script has {turns.Length} turns; the conversation asked for one more.");
        }

        var response = turns[_turn++](conversation);
        foreach (var content in response.Messages.SelectMany(message => message.Contents))
        {
            Transcript.AppendLine(content switch
            {
                FunctionCallContent call => $"assistant calls {call.Name} [{call.CallId}] {JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions)}",
                TextContent text => "assistant: " + text.Text,
                _ => "assistant: " + content,
            });
        }

        return Task.FromResult(response);
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    /// <summary>A model turn that calls one tool with arguments written as JSON.</summary>
    public static ChatResponse Call(string callId, string tool, string argumentsJson)
    {
        using var document = JsonDocument.Parse(argumentsJson);
        var arguments = document.RootElement.EnumerateObject().ToDictionary(property => property.Name, property => (object?)property.Value.Clone());
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent(callId, tool, arguments)]));
    }

    public static ChatResponse Say(string text) => new(new ChatMessage(ChatRole.Assistant, text));

    /// <summary>The JSON the last tool call returned, as the model reads it.</summary>
    public static JsonElement LastToolResult(IReadOnlyList<ChatMessage> conversation)
    {
        var result = conversation.SelectMany(message => message.Contents).OfType<FunctionResultContent>().Last().Result;
        return result is JsonElement element ? element : JsonSerializer.SerializeToElement(result, AIJsonUtilities.DefaultOptions);
    }

    private static string Text(object? result) => result is JsonElement element ? element.GetRawText() : JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions);
}
