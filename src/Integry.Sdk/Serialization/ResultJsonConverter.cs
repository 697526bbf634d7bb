using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integry.Sdk.Serialization;

/// <summary>Reads and writes <see cref="Result"/>, <see cref="Result.Executed"/> and <see cref="Result.Rejected"/> in Integry's wire shape.</summary>
/// <remarks>
/// <para>The three types carry this converter in a <see cref="JsonConverterAttribute"/>, so serialising a result with
/// any options, with reflection or from your own source-generated context (<c>[JsonSerializable(typeof(Result))]</c>
/// or <c>typeof(Result.Executed)</c>) writes the wire shape: <c>{"network_code": "200", "output": …, "_cursor": …}</c>
/// or <c>{"error": …, "error_details": …}</c>. Transport metadata (headers, credits, attempts) and
/// <see cref="Result.Rejected.Reason"/> are never written.</para>
/// <para>System.Text.Json cannot pick a derived type by the shape of an object, so one converter reads either case:
/// an <c>error</c> member makes it <see cref="Result.Rejected"/> (its reason worked out from the texts), a
/// <c>network_code</c> makes it <see cref="Result.Executed"/>. <c>output</c> is kept as a <see cref="JsonElement"/>
/// over the original bytes, so numbers of any size survive untouched. Reading a rejection as
/// <see cref="Result.Executed"/>, or the other way round, is a <see cref="JsonException"/>.</para>
/// </remarks>
public sealed class ResultJsonConverter : JsonConverter<Result>
{
    /// <summary>Gets a value indicating whether the converter handles a type: <see cref="Result"/> and its two cases.</summary>
    /// <param name="typeToConvert">The type to convert.</param>
    /// <returns><see langword="true"/> for <see cref="Result"/>, <see cref="Result.Executed"/> and <see cref="Result.Rejected"/>.</returns>
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(Result) || typeToConvert == typeof(Result.Executed) || typeToConvert == typeof(Result.Rejected);

    /// <summary>Reads a result from its wire JSON.</summary>
    /// <param name="reader">The reader, on the result's opening brace.</param>
    /// <param name="typeToConvert">The type asked for: <see cref="Result"/> or one of its cases.</param>
    /// <param name="options">The serializer's options.</param>
    /// <returns>The result.</returns>
    /// <exception cref="JsonException">The JSON is not a function-call result, or not the case asked for.</exception>
    public override Result Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var result = ReadResult(ref reader);
        if (typeToConvert == typeof(Result.Executed) && result is not Result.Executed)
        {
            throw new JsonException("Expected an executed function-call result ('network_code' and 'output'); the JSON is a rejection ('error').");
        }

        if (typeToConvert == typeof(Result.Rejected) && result is not Result.Rejected)
        {
            throw new JsonException("Expected a rejected function-call result ('error'); the JSON is an executed result ('network_code').");
        }

        return result;
    }

    /// <summary>
    /// Reads a whole call answer in one pass, as a hand-written client would: one <see cref="JsonDocument"/> over the bytes
    /// and <c>output</c> cloned out of it. The serializer (and <see cref="Read"/>) would scan the body ahead and then parse
    /// <c>output</c> a second time. The same rules as <see cref="Read"/>: a rejection (any <c>error</c> or
    /// <c>error_details</c> member) is read by the reader path itself, so both give the same result or the same error.
    /// </summary>
    /// <param name="utf8Json">The answer's body; not kept.</param>
    /// <returns>The result.</returns>
    /// <exception cref="JsonException">The body is not JSON, or not a function-call result.</exception>
    internal static Result ReadAnswer(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = JsonDocument.Parse(utf8Json, DocumentOptions);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Null)
        {
            throw new JsonException("The body is null.");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A function-call result must be a JSON object.");
        }

        int? networkCode = null;
        JsonElement output = default;
        string? cursor = null;
        foreach (var member in root.EnumerateObject())
        {
            if (member.NameEquals(WireNames.Error) || member.NameEquals(WireNames.ErrorDetails))
            {
                // Rare and small: the reader path reads it, with every rule of a rejection.
                var reader = new Utf8JsonReader(utf8Json.Span, ReaderOptions);
                reader.Read();
                return ReadResult(ref reader);
            }

            var value = member.Value;
            if (member.NameEquals(WireNames.NetworkCode))
            {
                networkCode = ReadNetworkCode(value);
            }
            else if (member.NameEquals(WireNames.Output))
            {
                output = value.Clone();
            }
            else if (member.NameEquals(WireNames.Cursor))
            {
                cursor = value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => value.GetString(),
                    _ => throw new JsonException($"'{WireNames.Cursor}' must be a string."),
                };
            }
        }

        return networkCode is { } code
            ? new Result.Executed(code, output) { Cursor = cursor }
            : throw new JsonException("A function-call result needs either 'network_code' or 'error'.");
    }

    /// <summary>What <see cref="IntegryJsonContext"/> allows when it reads a result: comments skipped, trailing commas.</summary>
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static int ReadNetworkCode(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        if (value.ValueKind == JsonValueKind.String && TryParseStatusText(value, out var parsed))
        {
            return parsed;
        }

        throw new JsonException("'network_code' must be an HTTP status code, as a string or a number.");
    }

    private static bool TryParseStatusText(JsonElement value, out int status)
    {
#if NET9_0_OR_GREATER
        // The raw text with its quotes: plain digits (the usual "200") are read in place, without a string.
        var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
        if (raw.Length is > 2 and <= 11 && System.Buffers.Text.Utf8Parser.TryParse(raw[1..^1], out status, out var consumed) && consumed == raw.Length - 2 && raw[1] is >= (byte)'0' and <= (byte)'9')
        {
            return true;
        }
#endif

        return int.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out status);
    }

    private static Result ReadResult(ref Utf8JsonReader reader)
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
            // Names are compared in place (escapes resolved by the reader), not read into strings: this runs per call.
            var member = ReadMemberName(ref reader);
            reader.Read();
            switch (member)
            {
                case Member.NetworkCode:
                    networkCode = ReadNetworkCode(ref reader);
                    break;
                case Member.Output:
                    output = JsonElement.ParseValue(ref reader);
                    break;
                case Member.Cursor:
                    cursor = reader.TokenType == JsonTokenType.Null ? null : ReadString(ref reader, WireNames.Cursor);
                    break;
                case Member.Error:
                    error = reader.TokenType == JsonTokenType.Null ? null : ReadString(ref reader, WireNames.Error);
                    break;
                case Member.ErrorDetails:
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

    /// <summary>Writes a result as its wire JSON, <c>network_code</c> as a string.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="value">The result.</param>
    /// <param name="options">The serializer's options.</param>
    public override void Write(Utf8JsonWriter writer, Result value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
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

    private static Member ReadMemberName(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals(WireNames.NetworkCode) ? Member.NetworkCode
        : reader.ValueTextEquals(WireNames.Output) ? Member.Output
        : reader.ValueTextEquals(WireNames.Cursor) ? Member.Cursor
        : reader.ValueTextEquals(WireNames.Error) ? Member.Error
        : reader.ValueTextEquals(WireNames.ErrorDetails) ? Member.ErrorDetails
        : Member.Other;

    private static int ReadNetworkCode(ref Utf8JsonReader reader)
    {
        // Every documented example sends the status as a string; a number is accepted too.
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
        {
            return number;
        }

        if (reader.TokenType == JsonTokenType.String && TryParseStatusText(ref reader, out var parsed))
        {
            return parsed;
        }

        throw new JsonException("'network_code' must be an HTTP status code, as a string or a number.");
    }

    /// <summary>The status text as an integer (digits only), copied to the stack rather than into a string when short.</summary>
    private static bool TryParseStatusText(ref Utf8JsonReader reader, out int status)
    {
        const int MaxStackChars = 32;
        var encodedLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (encodedLength > MaxStackChars)
        {
            return int.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out status);
        }

        // The unescaped text is never longer than its encoded form, so it fits.
        Span<char> text = stackalloc char[MaxStackChars];
        var length = reader.CopyString(text);
        return int.TryParse(text[..length], NumberStyles.None, CultureInfo.InvariantCulture, out status);
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

    /// <summary>The members of a result's wire form this converter reads.</summary>
    private enum Member
    {
        Other,
        NetworkCode,
        Output,
        Cursor,
        Error,
        ErrorDetails,
    }
}
