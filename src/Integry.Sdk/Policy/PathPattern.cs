namespace Integry.Sdk.Policy;

/// <summary>
/// A path prefix glob: segments compared case-insensitively, <c>*</c> within one segment, <c>**</c> for any number of
/// segments. A prefix allows its own path and everything below it.
/// </summary>
internal sealed class PathPattern
{
    private readonly Segment[] _segments;

    private PathPattern(Segment[] segments) => _segments = segments;

    /// <summary>Parses a prefix, refusing any form a normalised path can never have.</summary>
    public static PathPattern Parse(string prefix, string parameterName)
    {
        var text = prefix.Trim();
        string? problem = null;
        if (!text.StartsWith('/'))
        {
            problem = "it must start with '/' (it matches the path of the final URL)";
        }
        else if (text.IndexOfAny(['?', '#']) >= 0)
        {
            problem = "it holds '?' or '#'; prefixes match the path only";
        }
        else if (text.Contains('%', StringComparison.Ordinal))
        {
            problem = "it holds '%'; paths are compared percent-decoded, so write the characters themselves";
        }
        else if (text.Contains('\\', StringComparison.Ordinal) || text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problem = "it holds a backslash, white space or a control character";
        }

        var raw = text.Length > 1 ? text[1..].TrimEnd('/') : string.Empty;
        var segments = raw.Length == 0 ? [] : raw.Split('/');
        if (problem is null)
        {
            foreach (var segment in segments)
            {
                if (segment.Length == 0)
                {
                    problem = "it holds an empty segment ('//'); normalised paths have none";
                }
                else if (segment is "." or "..")
                {
                    problem = "it holds a '.' or '..' segment; normalised paths have none";
                }
                else if (segment.Contains("**", StringComparison.Ordinal) && segment != "**")
                {
                    problem = "'**' must be a whole segment";
                }
            }
        }

        if (problem is not null)
        {
            throw new ArgumentException($"The policy's path prefix '{prefix}' can never match: {problem}.", parameterName);
        }

        return new PathPattern(segments.Select(segment => new Segment(segment == "**", segment.Split('*'))).ToArray());
    }

    /// <summary>Whether the path (normalised, decoded segments) is this prefix or below it.</summary>
    public bool Matches(IReadOnlyList<string> path) => Match(0, path, 0);

    private bool Match(int patternIndex, IReadOnlyList<string> path, int pathIndex)
    {
        if (patternIndex == _segments.Length)
        {
            return true;
        }

        var segment = _segments[patternIndex];
        if (segment.IsAnyDepth)
        {
            for (var skip = pathIndex; skip <= path.Count; skip++)
            {
                if (Match(patternIndex + 1, path, skip))
                {
                    return true;
                }
            }

            return false;
        }

        return pathIndex < path.Count && GlobMatch.Matches(segment.Parts, path[pathIndex]) && Match(patternIndex + 1, path, pathIndex + 1);
    }

    private sealed record Segment(bool IsAnyDepth, string[] Parts);
}
