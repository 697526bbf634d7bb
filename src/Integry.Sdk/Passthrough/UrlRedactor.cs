using System.Text;

namespace Integry.Sdk.Passthrough;

/// <summary>Writes a URL for logs and the call log with every secret-looking query value masked.</summary>
internal static class UrlRedactor
{
    private const string Mask = "***";

    /// <summary>Characters a URI keeps as they are wherever they stand: letters, digits and the plain delimiters (no '%', no brackets).</summary>
    private static readonly System.Buffers.SearchValues<char> PlainUriCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?&=+,;!$*()@");

    private static readonly HashSet<string> SecretNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "access_token", "api_key", "apikey", "api-key", "api_token", "apitoken", "auth", "authorization", "client_secret",
        "code", "hapikey", "hash", "key", "password", "pass", "pwd", "refresh_token", "secret", "session", "sig",
        "signature", "token", "x-api-key", "x-api-token",
    };

    public static string Redact(Uri uri, IEnumerable<string>? credentialNames = null)
    {
        // A URI resolved from a relative reference can keep escapes that parsing its own text decodes (%2E next to an
        // invalid escape stays "%2E", yet reads back as '.'). Written from the form its text parses to, a redacted URL
        // reads back as itself, so redacting it again changes nothing.
        // Checked on the text first: a URI written only in plain characters has no escapes, and AbsoluteUri costs a string.
        if (uri.OriginalString.AsSpan().ContainsAnyExcept(PlainUriCharacters) && uri.AbsoluteUri.Contains('%', StringComparison.Ordinal)
            && Uri.TryCreate(uri.AbsoluteUri, UriKind.Absolute, out var reparsed))
        {
            uri = reparsed;
        }

        if (uri.Query.Length == 0)
        {
            // Nothing to mask: scheme, host, port and path, in one string. An ASCII URI's host is its IDN host already.
            if (System.Text.Ascii.IsValid(uri.OriginalString))
            {
                // Without user information and a fragment, the absolute URI is exactly these parts, and it is the caller's own
                // string when that is written canonically already: no new string per call. An empty user-information part
                // ("https://@host/") keeps its '@' there, so such a URI (or any with an '@') takes the long way.
                if (uri.UserInfo.Length == 0 && uri.Fragment.Length == 0 && uri.AbsoluteUri is var absolute && !absolute.Contains('@', StringComparison.Ordinal))
                {
                    return absolute;
                }

                return uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
            }

            return uri.IsDefaultPort
                ? string.Concat(uri.Scheme, "://", uri.IdnHost, uri.AbsolutePath)
                : string.Concat(uri.Scheme, "://", uri.IdnHost, ":", uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), uri.AbsolutePath);
        }

        var builder = new StringBuilder(uri.Scheme).Append("://").Append(uri.IdnHost);
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port);
        }

        builder.Append(uri.AbsolutePath);
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return builder.ToString();
        }

        var extra = credentialNames?.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var separator = '?';
        foreach (var pair in query.Split('&'))
        {
            builder.Append(separator);
            separator = '&';
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var decoded = Uri.UnescapeDataString(name);
            if (equals >= 0 && (SecretNames.Contains(decoded) || extra?.Contains(decoded) == true || LooksSecret(decoded)))
            {
                builder.Append(name).Append('=').Append(Mask);
            }
            else
            {
                builder.Append(pair);
            }
        }

        return builder.ToString();
    }

    private static bool LooksSecret(string name) =>
        name.Contains("token", StringComparison.OrdinalIgnoreCase)
        || name.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || name.Contains("password", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith("key", StringComparison.OrdinalIgnoreCase);
}
