using System.Buffers;
using System.Text.Json;

namespace Integry.Sdk.Emulator;

/// <summary>
/// The emulator's stand-in for Integry's model behind <c>functions/predict/</c> and <c>get</c> with a prompt:
/// deterministic, so tests can rely on it, and no smarter than it says.
/// </summary>
/// <remarks>
/// Ranking: the prompt's words (letters and digits, lower case, two letters or more, common words dropped) are matched
/// against each function's name parts, its app's title and its description; a word in the name or title counts 3, in
/// the description 1. Functions that match no name or title word are not predicted. Best first; ties by name.
/// Arguments (passthrough functions only): the first <c>https://</c> URL or <c>/path</c> in the prompt becomes
/// <c>url</c>, a verb picks <c>method</c> (create, add, post, send: POST; update, edit, change: PATCH; replace: PUT;
/// delete, remove: DELETE; else GET); a <c>_variables</c> value found in the URL becomes its <c>{tag}</c>. No URL, no
/// arguments.
/// </remarks>
internal static class Prediction
{
    public const int MaxFunctions = 5;

    private static readonly HashSet<string> CommonWords = new(StringComparer.Ordinal)
    {
        "the", "to", "of", "on", "in", "for", "and", "or", "with", "my", "me", "is", "it", "an", "at", "by", "from", "all",
        "api", "request", "requests", "passthrough", "user", "users", "credentials", "account", "please", "this", "that",
    };

    public static IReadOnlyList<IntegryFunction> Rank(string prompt, IEnumerable<IntegryFunction> functions)
    {
        var words = Words(prompt).Where(word => !CommonWords.Contains(word)).ToHashSet(StringComparer.Ordinal);
        return functions
            .Select(function => (Function: function, Score: Score(function, words)))
            .Where(scored => scored.Score.Strong > 0)
            .OrderByDescending(scored => (scored.Score.Strong * 3) + scored.Score.Weak)
            .ThenBy(scored => scored.Function.Name, StringComparer.Ordinal)
            .Take(MaxFunctions)
            .Select(scored => scored.Function)
            .ToArray();
    }

    /// <summary>The arguments a prompt gives a passthrough function, or <see langword="null"/> when it names no URL.</summary>
    public static JsonElement? Arguments(string prompt, JsonElement? variables)
    {
        var url = prompt.Split([' ', '\t', '\n', '\r', '"', '\'', '`', '<', '>'], StringSplitOptions.RemoveEmptyEntries)
            .Select(token => token.TrimEnd('.', ',', ';', ':', '!', '?', ')'))
            .FirstOrDefault(token => token.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || (token.StartsWith('/') && token.Length > 1));
        if (url is null)
        {
            return null;
        }

        if (variables is { ValueKind: JsonValueKind.Object } values)
        {
            foreach (var variable in values.EnumerateObject())
            {
                if (variable.Value.ValueKind == JsonValueKind.String && variable.Value.GetString() is { Length: > 0 } value)
                {
                    url = url.Replace(value, "{" + variable.Name + "}", StringComparison.Ordinal);
                }
            }
        }

        var words = Words(prompt).ToHashSet(StringComparer.Ordinal);
        var method = words.Overlaps(["create", "add", "post", "send"]) ? "POST"
            : words.Overlaps(["update", "edit", "change"]) ? "PATCH"
            : words.Overlaps(["replace"]) ? "PUT"
            : words.Overlaps(["delete", "remove"]) ? "DELETE"
            : "GET";
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("method", method);
            writer.WriteString("url", url);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static (int Strong, int Weak) Score(IntegryFunction function, HashSet<string> words)
    {
        var strong = Words(function.Name.Replace('-', ' ')).Concat(Words(function.Meta?.App?.Title ?? string.Empty)).ToHashSet(StringComparer.Ordinal);
        var weak = Words(function.Description ?? string.Empty).ToHashSet(StringComparer.Ordinal);
        return (words.Count(strong.Contains), words.Count(weak.Contains));
    }

    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                if (i - start >= 2)
                {
                    yield return text[start..i].ToLowerInvariant();
                }

                start = -1;
            }
        }
    }
}
