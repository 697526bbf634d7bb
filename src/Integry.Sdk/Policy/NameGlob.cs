namespace Integry.Sdk.Policy;

/// <summary>An app slug or function name in a policy: exact, or with <c>*</c> standing for any run of characters.</summary>
internal sealed class NameGlob
{
    private readonly string[] _parts;

    private NameGlob(string[] parts) => _parts = parts;

    public static NameGlob Parse(string pattern, string parameterName, bool isApp)
    {
        var text = pattern.Trim();
        foreach (var c in text)
        {
            var allowed = isApp
                ? char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '*'
                : !(c is '/' or '\\' or '?' or '#' || char.IsWhiteSpace(c) || char.IsControl(c));
            if (!allowed)
            {
                throw new ArgumentException(
                    isApp
                        ? $"The policy's app '{pattern}' can never match: app slugs are letters, digits, '-', '_' or '.' (or '*' for any)."
                        : $"The policy's function '{pattern}' can never match: function names hold no '/', '\\', '?', '#' or white space.",
                    parameterName);
            }
        }

        if (!isApp && PassthroughFunctionName.TryGetApp(text.Replace("*", "x", StringComparison.Ordinal), out var app) && !text.EndsWith('*'))
        {
            throw new ArgumentException($"The policy's function '{pattern}' is a passthrough: allow it with apps: [\"{app}\"] (and limit its methods and paths) instead.", parameterName);
        }

        return new NameGlob(text.Split('*'));
    }

    /// <summary>Whether a name matches, ignoring case.</summary>
    public bool Matches(string name) => GlobMatch.Matches(_parts, name);
}

/// <summary>Matches text against a pattern split at its <c>*</c>s, ignoring case.</summary>
internal static class GlobMatch
{
    public static bool Matches(string[] parts, string text)
    {
        if (parts.Length == 1)
        {
            return string.Equals(parts[0], text, StringComparison.OrdinalIgnoreCase);
        }

        if (!text.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase) || !text.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase)
            || text.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        // Greedy left to right is exact for '*' globs: each middle part takes its first place after the previous one.
        var position = parts[0].Length;
        var end = text.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = text.IndexOf(parts[i], position, end - position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            position = found + parts[i].Length;
        }

        return true;
    }
}
