namespace Integry.Sdk.Passthrough;

/// <summary>Which headers a caller may set on a passthrough, and why the others are refused.</summary>
internal static class PassthroughHeaders
{
    // Credentials and the connection are the SDK's: a caller's value would override the user's credential, smuggle a
    // second one, or desynchronise framing (RFC 9110 section 7.6.1 hop-by-hop fields, Content-Length, Transfer-Encoding).
    private static readonly Dictionary<string, string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Authorization"] = "the SDK puts the user's credential there",
        ["Proxy-Authorization"] = "it is a credential for a proxy, not for the app",
        ["Cookie"] = "cookies are never sent on a passthrough",
        ["Host"] = "the host comes from the URL, checked against the app's hosts",
        ["Content-Length"] = "the SDK frames the body itself",
        ["Transfer-Encoding"] = "the SDK frames the body itself",
        ["Content-Type"] = "it comes from the body (PassthroughBody.ContentType)",
        ["Connection"] = "it is a hop-by-hop header",
        ["Keep-Alive"] = "it is a hop-by-hop header",
        ["Proxy-Connection"] = "it is a hop-by-hop header",
        ["Proxy-Authenticate"] = "it is a hop-by-hop header",
        ["TE"] = "it is a hop-by-hop header",
        ["Trailer"] = "it is a hop-by-hop header",
        ["Upgrade"] = "it is a hop-by-hop header",
        ["Expect"] = "the SDK decides how the body is sent",
    };

    /// <summary>Checks a header name and value for any request; the app's own credential headers are checked when the app is known.</summary>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    public static string? Check(string name, string value)
    {
        if (string.IsNullOrEmpty(name) || !name.All(IsTokenChar))
        {
            return $"'{Printable(name)}' is not a valid header name.";
        }

        if (Reserved.TryGetValue(name, out var why))
        {
            return $"The header '{name}' cannot be set on a passthrough: {why}.";
        }

        if (value.Any(c => c is '\r' or '\n' or '\0' || (char.IsControl(c) && c != '\t')))
        {
            return $"The value of the header '{name}' contains control characters such as CR or LF.";
        }

        return null;
    }

    /// <summary>Finds a caller's header that would carry or replace the app's credential.</summary>
    public static string? FindCredentialClash(IReadOnlyList<KeyValuePair<string, string>> headers, AppDefinition app, CredentialParts parts)
    {
        foreach (var (name, _) in headers)
        {
            if (parts.Headers.Any(header => string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
                || (app.BearerTokenPlacement is { Location: CredentialLocation.Header } bearer && string.Equals(bearer.Name, name, StringComparison.OrdinalIgnoreCase))
                || (app.ApiKeyPlacement is { Location: CredentialLocation.Header } apiKey && string.Equals(apiKey.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                return $"The header '{name}' cannot be set on a {app.DisplayName} passthrough: the SDK puts the user's credential there.";
            }

            if (parts.Aws is not null && AwsSigV4Signer.IsWrittenBySigning(name))
            {
                return $"The header '{name}' cannot be set on a {app.DisplayName} passthrough: the SDK writes it when it signs the request with the user's AWS key.";
            }
        }

        return null;
    }

    /// <summary>Sets the caller's headers on a request to the app's own host, replacing the app's defaults of the same name.</summary>
    public static void Apply(HttpRequestMessage message, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        if (headers.Count == 0)
        {
            return;
        }

        var replaced = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            // A repeated name adds a value; the first use of a name replaces the app's default (Notion-Version).
            if (replaced.Add(name))
            {
                message.Headers.Remove(name);
                message.Content?.Headers.Remove(name);
            }

            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                // Content headers (Content-Language, Content-Encoding) belong to the body; without one they have no meaning.
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }

    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static string Printable(string? text) =>
        text is null ? string.Empty : new string(text.Take(40).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
