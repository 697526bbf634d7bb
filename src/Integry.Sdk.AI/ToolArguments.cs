using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Integry.Sdk.AI;

/// <summary>Turns the model's tool arguments into the JSON object Integry takes, or says which argument could not be read.</summary>
internal static class ToolArguments
{
    public static JsonElement? ToJson(AIFunctionArguments arguments, JsonSerializerOptions options, out Dictionary<string, string>? errors)
    {
        errors = null;
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in arguments)
            {
                writer.WritePropertyName(name);
                if (!TryWrite(writer, value, options))
                {
                    (errors ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = $"Could not be read as JSON (a {value!.GetType().Name}).";
                    writer.WriteNullValue();
                }
            }

            writer.WriteEndObject();
        }

        if (errors is not null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static bool TryWrite(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                return true;
            case JsonElement element:
                if (element.ValueKind == JsonValueKind.Undefined)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    element.WriteTo(writer);
                }

                return true;
            case JsonNode node:
                node.WriteTo(writer);
                return true;
            case string text:
                writer.WriteStringValue(text);
                return true;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return true;
        }

        // Anything else (numbers, dictionaries a host built by hand) goes through the caller's JSON options; a type they
        // cannot write is the model's argument problem, reported to it, not an exception out of the tool.
        try
        {
            JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
            return true;
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or JsonException)
        {
            return false;
        }
    }
}
