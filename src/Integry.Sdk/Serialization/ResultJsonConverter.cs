using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integry.Sdk.Serialization;

/// <summary>Reads and writes <see cref="Result"/> in Integry's wire shape.</summary>
/// <remarks>
/// System.Text.Json cannot pick a derived type by the shape of an object, so one converter reads either case:
/// an <c>error</c> member makes it <see cref="Result.Rejected"/>, a <c>network_code</c> makes it
/// <see cref="Result.Executed"/>. <c>output</c> is kept as a <see cref="JsonElement"/> over the original bytes, so
/// numbers of any size survive untouched.
/// </remarks>
internal sealed class ResultJsonConverter : JsonConverter<Result>
{
    public override Result Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A function-call result must be a JSON object.");
        }

        int? networkCode = null;
        JsonElement output = default;
        string? cursor = null;
        string? error = null;
        List<string>? details = null;
        Dictionary<string, string>? fieldErrors = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case WireNames.NetworkCode:
                    networkCode = ReadNetworkCode(ref reader);
                    break;
                case WireNames.Output:
                    output = JsonElement.ParseValue(ref reader);
                    break;
                case WireNames.Cursor:
                    cursor = reader.TokenType == JsonTokenType.Null ? null : ReadString(ref reader, name);
                    break;
                case WireNames.Error:
                    error = reader.TokenType == JsonTokenType.Null ? null : ReadString(ref reader, name);
                    break;
                case WireNames.ErrorDetails:
                    ReadErrorDetails(ref reader, out details, out fieldErrors);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (error is not null)
        {
            IReadOnlyList<string> flattened = details ?? (IReadOnlyList<string>)[];
            return fieldErrors is null
                ? new Result.Rejected(error, flattened)
                : new Result.Rejected(error, fieldErrors);
        }

        if (networkCode is { } code)
        {
            return new Result.Executed(code, output) { Cursor = cursor };
        }

        throw new JsonException("A function-call result needs either 'network_code' or 'error'.");
    }

    public override void Write(Utf8JsonWriter writer, Result value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case Result.Executed executed:
                writer.WriteStartObject();
                writer.WriteString(WireNames.NetworkCode, executed.NetworkCode.ToString(CultureInfo.InvariantCulture));
                writer.WritePropertyName(WireNames.Output);
                executed.Output.WriteTo(writer);
                if (executed.Cursor is not null)
                {
                    writer.WriteString(WireNames.Cursor, executed.Cursor);
                }

                writer.WriteEndObject();
                break;
            case Result.Rejected rejected:
                writer.WriteStartObject();
                writer.WriteString(WireNames.Error, rejected.Error);
                if (rejected.FieldErrors is { } fields)
                {
                    writer.WriteStartObject(WireNames.ErrorDetails);
                    foreach (var pair in fields)
                    {
                        writer.WriteString(pair.Key, pair.Value);
                    }

                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteStartArray(WireNames.ErrorDetails);
                    foreach (var detail in rejected.ErrorDetails)
                    {
                        writer.WriteStringValue(detail);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
                break;
            default:
                throw new JsonException("Unknown result case.");
        }
    }

    private static int ReadNetworkCode(ref Utf8JsonReader reader)
    {
        // Every documented example sends the status as a string; a number is accepted too.
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String
            && int.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new JsonException("'network_code' must be an HTTP status code, as a string or a number.");
    }

    private static string ReadString(ref Utf8JsonReader reader, string? name) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new JsonException($"'{name}' must be a string.");

    private static void ReadErrorDetails(ref Utf8JsonReader reader, out List<string>? details, out Dictionary<string, string>? fieldErrors)
    {
        details = [];
        fieldErrors = null;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartArray:
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    details.Add(ReadMessage(ref reader));
                }

                break;
            case JsonTokenType.StartObject:
                fieldErrors = new Dictionary<string, string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var field = reader.GetString()!;
                    reader.Read();
                    var message = ReadMessage(ref reader);
                    fieldErrors[field] = message;
                    details.Add($"{field}: {message}");
                }

                break;
            case JsonTokenType.String:
                details.Add(reader.GetString()!);
                break;
            case JsonTokenType.Null:
                break;
            default:
                throw new JsonException("'error_details' must be a list of messages or an object of parameter messages.");
        }
    }

    private static string ReadMessage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString()!;
        }

        // A nested list or object of messages is kept readable as its JSON text rather than dropped.
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }
}
