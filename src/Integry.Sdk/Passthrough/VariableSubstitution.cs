using System.Buffers;
using System.Text;
using System.Text.Json;
using Integry.Sdk.Serialization;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// Fills <c>{tag}</c> references in a passthrough's arguments from <c>_variables</c>, the safe way: one implementation
/// for the local executor and the emulator.
/// </summary>
/// <remarks>
/// Integry documents <c>{tag}</c> references inside argument strings and is silent on the rest; this is the reading:
/// <list type="bullet">
/// <item>Only a tag whose name is a member of <c>_variables</c> is replaced; any other <c>{…}</c> stays as written.
/// Values are strings, numbers or booleans; a value is inserted once and never scanned for tags itself.</item>
/// <item>In <c>url</c>, a value is percent-encoded as one path segment or one query value, so it can never add a
/// segment, a query parameter, a port or a host; a tag in the scheme or host is refused, and so is a value that would
/// make a <c>.</c> or <c>..</c> segment. Every URL check of the executor runs on the substituted URL.</item>
/// <item>In every other string (<c>method</c>, strings anywhere in <c>body</c>) the value is inserted as it is.</item>
/// </list>
/// </remarks>
internal static class VariableSubstitution
{
    // One array for every call: a collection expression in the call would allocate one each time.
    private static readonly char[] QueryOrFragment = ['?', '#'];

    private static readonly char[] Braces = ['{', '}'];

    private static readonly char[] PathDelimiters = ['/', '?', '#'];

    public const string VariablesName = WireNames.Variables;

    // VariablesName in UTF-8, looked up in every call's arguments without transcoding it.
    private static ReadOnlySpan<byte> VariablesUtf8 => "_variables"u8;

    private static readonly SearchValues<char> SchemeCharacters = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");

    /// <summary>Applies the variables (from the options, or the arguments' own <c>_variables</c>) to passthrough arguments.</summary>
    /// <returns>The arguments with the tags filled and <c>_variables</c> removed; unchanged when there are no variables;
    /// <see langword="null"/> with <paramref name="errors"/> (by parameter, as Integry reports them) when they cannot be applied.</returns>
    public static JsonElement? ApplyToPassthrough(JsonElement arguments, JsonElement? variables, out Dictionary<string, string>? errors) =>
        ApplyToPassthrough(arguments, variables, out errors, out _);

    /// <summary><see cref="ApplyToPassthrough(JsonElement, JsonElement?, out Dictionary{string, string}?)"/>, saying whether the
    /// arguments came back as they were given (no variables to apply).</summary>
    public static JsonElement? ApplyToPassthrough(JsonElement arguments, JsonElement? variables, out Dictionary<string, string>? errors, out bool unchanged)
    {
        errors = null;
        unchanged = false;
        if (variables is null && arguments.ValueKind == JsonValueKind.Object && arguments.TryGetProperty(VariablesUtf8, out var inline))
        {
            variables = inline;
        }

        if (variables is not { } values || values.ValueKind == JsonValueKind.Null)
        {
            unchanged = true;
            return arguments;
        }

        if (values.ValueKind != JsonValueKind.Object)
        {
            errors = Error(VariablesName, "Must be a JSON object of values for {tag} references.");
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in arguments.EnumerateObject())
            {
                if (member.NameEquals(VariablesName))
                {
                    continue;
                }

                writer.WritePropertyName(member.Name);
                if (member.NameEquals(PassthroughArguments.UrlName) && member.Value.ValueKind == JsonValueKind.String)
                {
                    var url = SubstituteUrl(member.Value.GetString()!, values, out var problem);
                    if (url is null)
                    {
                        errors = Error(problem!.Value.Parameter, problem.Value.Message);
                        return null;
                    }

                    writer.WriteStringValue(url);
                }
                else if (!WriteSubstituted(writer, member.Value, values, out var problem))
                {
                    errors = Error(VariablesName, problem!);
                    return null;
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Fills the tags of a URL, each value percent-encoded as one path segment or one query value.</summary>
    /// <returns>The URL, or <see langword="null"/> with the problem.</returns>
    public static string? SubstituteUrl(string template, JsonElement variables, out (string Parameter, string Message)? problem)
    {
        problem = null;
        var pathStart = PathStart(template);
        var queryStart = template.IndexOfAny(QueryOrFragment, pathStart) is var q and >= 0 ? q : template.Length;
        var result = new StringBuilder(template.Length + 16);
        var segmentStart = 0;
        var segmentFilled = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && TryReadTag(template, i, out var name, out var end) && variables.TryGetProperty(name, out var value))
            {
                if (i < pathStart)
                {
                    problem = (PassthroughArguments.UrlName, $"The {{{name}}} tag is in the URL's scheme or host: variables may fill only its path or query.");
                    return null;
                }

                if (!TryGetText(value, out var text))
                {
                    problem = (VariablesName, NotAScalar(name, value));
                    return null;
                }

                result.Append(Uri.EscapeDataString(text));
                segmentFilled |= i < queryStart;
                i = end;
                continue;
            }

            if (i >= pathStart && i <= queryStart && (c == '/' || i == queryStart))
            {
                if (segmentFilled && IsDotSegment(result, segmentStart))
                {
                    problem = (PassthroughArguments.UrlName, "A variable makes a '.' or '..' path segment: variables must not move the request to another path.");
                    return null;
                }

                segmentFilled = false;
                segmentStart = result.Length + 1;
            }

            result.Append(c);
        }

        if (segmentFilled && queryStart == template.Length && IsDotSegment(result, segmentStart))
        {
            problem = (PassthroughArguments.UrlName, "A variable makes a '.' or '..' path segment: variables must not move the request to another path.");
            return null;
        }

        return result.ToString();
    }

    /// <summary>Fills the tags of a string as they are, without encoding.</summary>
    public static string? SubstituteText(string template, JsonElement variables, out string? problem)
    {
        problem = null;
        if (template.IndexOf('{', StringComparison.Ordinal) < 0)
        {
            return template;
        }

        var result = new StringBuilder(template.Length + 16);
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{' && TryReadTag(template, i, out var name, out var end) && variables.TryGetProperty(name, out var value))
            {
                if (!TryGetText(value, out var text))
                {
                    problem = NotAScalar(name, value);
                    return null;
                }

                result.Append(text);
                i = end;
                continue;
            }

            result.Append(template[i]);
        }

        return result.ToString();
    }

    private static bool WriteSubstituted(Utf8JsonWriter writer, JsonElement value, JsonElement variables, out string? problem)
    {
        problem = null;
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                var text = SubstituteText(value.GetString()!, variables, out problem);
                if (text is null)
                {
                    return false;
                }

                writer.WriteStringValue(text);
                return true;
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in value.EnumerateObject())
                {
                    writer.WritePropertyName(member.Name);
                    if (!WriteSubstituted(writer, member.Value, variables, out problem))
                    {
                        return false;
                    }
                }

                writer.WriteEndObject();
                return true;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    if (!WriteSubstituted(writer, item, variables, out problem))
                    {
                        return false;
                    }
                }

                writer.WriteEndArray();
                return true;
            default:
                // Numbers keep their exact text: a big id must not be rounded on the way.
                value.WriteTo(writer);
                return true;
        }
    }

    /// <summary>Reads <c>{name}</c> at <paramref name="start"/>: a name of one or more characters, none of them a brace.</summary>
    private static bool TryReadTag(string text, int start, out string name, out int end)
    {
        end = text.IndexOfAny(Braces, start + 1);
        if (end > start + 1 && text[end] == '}')
        {
            name = text.Substring(start + 1, end - start - 1);
            return true;
        }

        name = string.Empty;
        return false;
    }

    private static bool TryGetText(JsonElement value, out string text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                text = value.GetString()!;
                return true;
            case JsonValueKind.Number:
                text = value.GetRawText();
                return true;
            case JsonValueKind.True:
                text = "true";
                return true;
            case JsonValueKind.False:
                text = "false";
                return true;
            default:
                text = string.Empty;
                return false;
        }
    }

    private static string NotAScalar(string name, JsonElement value) =>
        $"The value of '{name}' is {value.ValueKind.ToString().ToLowerInvariant()}: only strings, numbers and booleans can fill a {{tag}}.";

    /// <summary>Where the path begins: after <c>scheme://authority</c> for an absolute URL, at 0 for a relative one.</summary>
    private static int PathStart(string url)
    {
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var firstDelimiter = url.IndexOfAny(PathDelimiters);
        var isAbsolute = colon > 0 && (firstDelimiter < 0 || colon < firstDelimiter) && char.IsAsciiLetter(url[0])
            && url.AsSpan(1, colon - 1).IndexOfAnyExcept(SchemeCharacters) < 0;
        if (!isAbsolute)
        {
            return 0;
        }

        // Without "//" there is no authority, but the scheme part is still not a place for a variable.
        if (!url.AsSpan(colon + 1).StartsWith("//", StringComparison.Ordinal))
        {
            return colon + 1;
        }

        var authorityEnd = url.IndexOfAny(PathDelimiters, colon + 3);
        return authorityEnd < 0 ? url.Length : authorityEnd;
    }

    private static bool IsDotSegment(StringBuilder result, int segmentStart)
    {
        var length = result.Length - segmentStart;
        if (length is < 1 or > 6)
        {
            return false;
        }

        var segment = Uri.UnescapeDataString(result.ToString(segmentStart, length));
        return segment is "." or "..";
    }

    private static Dictionary<string, string> Error(string parameter, string message) =>
        new(StringComparer.Ordinal) { [parameter] = message };
}
