using System.Text;

namespace Integry.Sdk.Passthrough;

/// <summary>Reads and replaces one query parameter of a request URL (absolute or relative), leaving the rest byte for byte.</summary>
internal static class PaginationUrl
{
    /// <summary>Gets the first value of a query parameter, unescaped; <see langword="null"/> when absent.</summary>
    public static string? Get(string url, string name)
    {
        foreach (var (key, value) in Pairs(url))
        {
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>Returns the URL with every <paramref name="name"/> parameter removed and one <c>name=value</c> appended, escaped.</summary>
    public static string Set(string url, string name, string value)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? url : url[..question];
        var kept = question < 0
            ? []
            : url[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries).Where(pair => !string.Equals(Unescape(pair.Split('=', 2)[0]), name, StringComparison.Ordinal));
        var builder = new StringBuilder(path).Append('?');
        foreach (var pair in kept)
        {
            builder.Append(pair).Append('&');
        }

        return builder.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).ToString();
    }

    private static IEnumerable<(string Name, string Value)> Pairs(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            yield break;
        }

        foreach (var pair in url[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            yield return (Unescape(parts[0]), parts.Length == 2 ? Unescape(parts[1]) : string.Empty);
        }
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
