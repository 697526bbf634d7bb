namespace Integry.Sdk.Passthrough;

/// <summary>Reads the <c>rel="next"</c> target of RFC 8288 <c>Link</c> header values.</summary>
internal static class PaginationLinkHeader
{
    /// <summary>Finds the next page's URI reference; <see langword="null"/> when there is none, or when the link says it has no results (Sentry's <c>results="false"</c>).</summary>
    public static string? FindNext(IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            var position = 0;
            while (position < value.Length)
            {
                var open = value.IndexOf('<', position);
                if (open < 0)
                {
                    break;
                }

                var close = value.IndexOf('>', open + 1);
                if (close < 0)
                {
                    break;
                }

                var target = value[(open + 1)..close];

                // The parameters run to the next link: a ',' outside a quoted string.
                var end = close + 1;
                var quoted = false;
                while (end < value.Length && (quoted || value[end] != ','))
                {
                    if (value[end] == '"')
                    {
                        quoted = !quoted;
                    }

                    end++;
                }

                var parameters = Parameters(value[(close + 1)..end]);
                position = end + 1;
                if (parameters.TryGetValue("rel", out var rel)
                    && rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("next", StringComparer.OrdinalIgnoreCase))
                {
                    return parameters.TryGetValue("results", out var results) && string.Equals(results, "false", StringComparison.OrdinalIgnoreCase) ? null : target.Trim();
                }
            }
        }

        return null;
    }

    private static Dictionary<string, string> Parameters(string text)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in SplitOutsideQuotes(text))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
            {
                value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            }

            // RFC 8288: the first occurrence of a parameter wins.
            parameters.TryAdd(name, value);
        }

        return parameters;
    }

    private static IEnumerable<string> SplitOutsideQuotes(string text)
    {
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"' && (i == 0 || text[i - 1] != '\\'))
            {
                quoted = !quoted;
            }
            else if (text[i] == ';' && !quoted)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }
}
