using System.Text;
using Integry.Sdk.Apps;

namespace Integry.Sdk.Policy;

/// <summary>
/// Turns a passthrough URL into the path a server will serve, as decoded segments, or refuses a form that servers
/// read differently: the policy must judge the path the app sees, not the text the caller wrote.
/// </summary>
internal static class PolicyPath
{
    // One array for every call: a collection expression in the call would allocate one each time.
    private static readonly char[] SlashOrQuery = ['/', '?'];

    private static readonly char[] Slashes = ['/', '\\'];

    private const int MaxDecodeRounds = 3;

    /// <summary>Normalises the URL's path: resolved against the base URL, percent-decoded, dot segments removed.</summary>
    /// <returns>The segments, or <see langword="null"/> with the reason the path cannot be judged.</returns>
    public static List<string>? Normalise(string url, string app, Func<string, Uri?> baseUrlOf, out string? problem)
    {
        problem = null;
        if (url.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            problem = "The URL holds white space or control characters.";
            return null;
        }

        if (url.Contains('\\', StringComparison.Ordinal))
        {
            problem = "The URL holds a backslash, which some servers read as '/'.";
            return null;
        }

        if (url.Contains('#', StringComparison.Ordinal))
        {
            problem = "The URL holds a fragment ('#').";
            return null;
        }

        string rawPath;
        if (url.StartsWith("//", StringComparison.Ordinal))
        {
            problem = "The URL starts with '//', which names another host.";
            return null;
        }
        else if (HasScheme(url, out var scheme))
        {
            if (!scheme.Equals("https", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("http", StringComparison.OrdinalIgnoreCase))
            {
                problem = $"The URL's scheme '{scheme}' is not http(s).";
                return null;
            }

            var afterScheme = url[(scheme.Length + 1)..];
            if (!afterScheme.StartsWith("//", StringComparison.Ordinal))
            {
                problem = "The absolute URL has no '//' authority.";
                return null;
            }

            var slash = afterScheme.IndexOfAny(SlashOrQuery, 2);
            rawPath = slash < 0 || afterScheme[slash] == '?' ? "/" : PathOf(afterScheme[slash..]);
        }
        else
        {
            var baseUrl = baseUrlOf(app);
            if (baseUrl is null)
            {
                problem = $"The URL is relative and this client knows no base URL for {app}: give an absolute URL so the policy can see the path.";
                return null;
            }

            // As the executor resolves it: a relative path extends the base URL's path, with or without a leading '/'.
            var basePath = baseUrl.AbsolutePath;
            basePath = basePath.EndsWith('/') ? basePath : basePath[..(basePath.LastIndexOf('/') + 1)];
            rawPath = basePath + PathOf(url).TrimStart('/');
        }

        var segments = new List<string>();
        var parts = rawPath.Split('/');
        for (var i = 1; i < parts.Length; i++)
        {
            var raw = parts[i];
            if (raw.Length == 0)
            {
                if (i == parts.Length - 1)
                {
                    // A trailing '/' names the same place for a prefix check.
                    break;
                }

                problem = "The path holds an empty segment ('//'), which servers collapse or keep differently.";
                return null;
            }

            var decoded = Decode(raw, out problem);
            if (decoded is null)
            {
                return null;
            }

            var name = decoded.Split(';')[0];
            if (name is "." or "..")
            {
                if (raw != name)
                {
                    problem = $"The path segment '{Excerpt.Of(raw, 60)}' is a dot segment in disguise (percent-encoded or with ';' parameters).";
                    return null;
                }

                if (name == ".." && segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            var compatible = decoded.Normalize(NormalizationForm.FormKC);
            if (compatible != decoded && (compatible.Split(';')[0] is "." or ".." || compatible.IndexOfAny(Slashes) >= 0))
            {
                problem = $"The path segment '{Excerpt.Of(raw, 60)}' holds Unicode look-alikes of '.' or '/'.";
                return null;
            }

            segments.Add(decoded);
        }

        return segments;
    }

    /// <summary>The path part of a URL or relative reference: everything before the query.</summary>
    public static string PathOf(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        return query < 0 ? url : url[..query];
    }

    /// <summary>Writes decoded segments back as a path, for messages.</summary>
    public static string Join(IReadOnlyList<string> segments) => "/" + string.Join('/', segments);

    /// <summary>The base URL of an app in a catalog, with tenant variables filled by a placeholder (only its path matters here).</summary>
    public static Uri? BaseUrlOf(AppCatalog catalog, string app)
    {
        if (!catalog.TryGetApp(app.ToLowerInvariant(), out var definition) || definition.BaseUrl is not { } template)
        {
            return null;
        }

        return Uri.TryCreate(HostPattern.VariableRegex().Replace(template, "tenant"), UriKind.Absolute, out var baseUrl) ? baseUrl : null;
    }

    private static string? Decode(string raw, out string? problem)
    {
        problem = null;
        var text = raw;
        for (var round = 0; round <= MaxDecodeRounds; round++)
        {
            var decoded = Uri.UnescapeDataString(text);
            if (decoded == text)
            {
                if (HasEscape(text))
                {
                    problem = $"The path segment '{Excerpt.Of(raw, 60)}' holds a percent-escape that is not valid UTF-8 (such as an overlong '%c0%ae').";
                    return null;
                }

                if (text.IndexOfAny(Slashes) >= 0)
                {
                    problem = $"The path segment '{Excerpt.Of(raw, 60)}' holds an encoded '/' or '\\', which some servers read as a separator.";
                    return null;
                }

                if (text.Any(char.IsControl))
                {
                    problem = $"The path segment '{Excerpt.Of(raw, 60)}' holds an encoded control character.";
                    return null;
                }

                return text;
            }

            text = decoded;
        }

        problem = $"The path segment '{Excerpt.Of(raw, 60)}' is percent-encoded more than {MaxDecodeRounds} times over.";
        return null;
    }

    private static bool HasEscape(string text)
    {
        for (var i = 0; i + 2 < text.Length; i++)
        {
            if (text[i] == '%' && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasScheme(string url, out string scheme)
    {
        // RFC 3986: a letter, then letters, digits, '+', '-' or '.', then ':' before any '/' or '?' ("search?q=from:me" is a path).
        scheme = string.Empty;
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(url[0]) || url.IndexOfAny(SlashOrQuery) is var stop and >= 0 && stop < colon)
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(url[i]) || url[i] is '+' or '-' or '.'))
            {
                return false;
            }
        }

        scheme = url[..colon];
        return true;
    }
}
