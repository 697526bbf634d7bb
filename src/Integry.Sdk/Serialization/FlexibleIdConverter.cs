using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integry.Sdk.Serialization;

/// <summary>
/// Reads an id that Integry sends as a JSON number (<c>247714</c>) or a string, keeping it as text; writes digits back
/// as a number, as Integry does, and anything else as a string.
/// </summary>
internal sealed class FlexibleIdConverter : JsonConverter<string>
{
    // A null id is refused rather than left null in a non-nullable property.
    public override bool HandleNull => true;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString()!,
        // The number's own text, so a big id is not rounded through a double.
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan),
        _ => throw new JsonException($"An id must be a number or a string, not {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        if (IsInteger(value))
        {
            writer.WriteRawValue(value, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }

    /// <summary>Whether an id is written as a JSON number: digits only, no leading zero, short enough for any reader.</summary>
    public static bool IsInteger(string value) =>
        value.Length is > 0 and <= 15 && (value == "0" || value[0] != '0') && value.All(char.IsAsciiDigit);
}
