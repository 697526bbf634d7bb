using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Integry.Sdk.Samples.Agent;

/// <summary>Prints what the agent did: each tool call, each tool result, and the answer.</summary>
internal static class Transcript
{
    public static void Write(IEnumerable<ChatMessage> messages, TextWriter output)
    {
        foreach (var content in messages.SelectMany(message => message.Contents))
        {
            switch (content)
            {
                case FunctionCallContent call:
                    output.WriteLine($"→ {call.Name} {JsonSerializer.Serialize(call.Arguments, AIJsonUtilities.DefaultOptions)}");
                    break;
                case FunctionResultContent result:
                    output.WriteLine($"← {(result.Result is JsonElement json ? json.GetRawText() : JsonSerializer.Serialize(result.Result, AIJsonUtilities.DefaultOptions))}");
                    break;
                case TextContent text when !string.IsNullOrWhiteSpace(text.Text):
                    output.WriteLine($"assistant: {text.Text}");
                    break;
            }
        }
    }
}
