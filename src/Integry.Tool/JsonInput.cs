using System.Text.Json;

namespace Integry.Tool;

/// <summary>Reads a JSON option (<c>--args</c>, <c>--body</c>): the JSON itself, or <c>@file</c> to read it from a file; bad JSON is a <see cref="UsageException"/>.</summary>
internal static class JsonInput
{
    /// <summary>Reads and parses the value; <paramref name="allowArray"/> lets a JSON array through as well as an object.</summary>
    public static async Task<JsonElement> ReadAsync(string value, string option, bool allowArray, CancellationToken cancellationToken)
    {
        var source = option;
        var json = value;
        if (value.StartsWith('@'))
        {
            source = $"{option} file '{value[1..]}'";
            try
            {
                json = await File.ReadAllTextAsync(value[1..], cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new UsageException($"{source} cannot be read: {exception.Message}");
            }
        }

        JsonElement parsed;
        try
        {
            using var document = JsonDocument.Parse(json);
            parsed = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new UsageException($"{source} is not valid JSON: {exception.Message}");
        }

        return parsed.ValueKind == JsonValueKind.Object || (allowArray && parsed.ValueKind == JsonValueKind.Array)
            ? parsed
            : throw new UsageException($"{source} must be a JSON {(allowArray ? "object or array" : "object")}, not {parsed.ValueKind.ToString().ToLowerInvariant()}.");
    }
}
