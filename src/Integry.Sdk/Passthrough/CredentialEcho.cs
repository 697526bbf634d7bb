using System.Text;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// Every form a credential may take in a URL an app (or someone who stole its redirect) writes: the raw value, its
/// standard and URL-safe base64 (with and without padding), hex, the whole header value (<c>Bearer …</c>,
/// <c>Basic …</c>) and the base64 of <c>user:password</c>; percent-encoding (upper or lower case, nested) is undone
/// before comparing. Used to refuse a foreign hop that would carry the credential, and to keep such URLs out of logs.
/// </summary>
internal sealed class CredentialEcho
{
    /// <summary>Shorter values (a Basic password <c>X</c>) would match by chance; their longer combinations are still checked.</summary>
    private const int MinimumLength = 6;

    private readonly string[] _forms;

    private CredentialEcho(string[] forms) => _forms = forms;

    public static CredentialEcho For(Credential credential, CredentialParts parts)
    {
        var secrets = new List<string>();
        switch (credential)
        {
            case Credential.BearerToken bearer:
                secrets.Add(bearer.AccessToken);
                break;
            case Credential.ApiKey apiKey:
                secrets.Add(apiKey.Key);
                break;
            case Credential.Basic basic:
                secrets.Add(basic.UserName);
                secrets.Add(basic.Password);
                secrets.Add(basic.UserName + ":" + basic.Password);
                break;
            case Credential.Custom custom:
                secrets.AddRange(custom.Headers.Values);
                secrets.AddRange(custom.QueryParameters.Values);
                break;
        }

        foreach (var (_, value) in parts.Headers)
        {
            secrets.Add(value);

            // "Bearer x", "Basic x", "Token token=x": the part after the scheme is a secret of its own.
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                secrets.Add(value[(space + 1)..]);
            }
        }

        foreach (var (_, value) in parts.Query)
        {
            secrets.Add(value);
        }

        var forms = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var secret in secrets)
        {
            if (secret.Trim().Length < MinimumLength)
            {
                continue;
            }

            forms.Add(secret);
            var bytes = Encoding.UTF8.GetBytes(secret);
            var base64 = Convert.ToBase64String(bytes);
            forms.Add(base64);
            forms.Add(base64.TrimEnd('='));
            forms.Add(base64.Replace('+', '-').Replace('/', '_'));
            forms.Add(base64.Replace('+', '-').Replace('/', '_').TrimEnd('='));
            forms.Add(Convert.ToHexString(bytes));
        }

        // Longest first, so Scrub masks a whole header value before the token inside it.
        return new CredentialEcho([.. forms.OrderByDescending(form => form.Length)]);
    }

    /// <summary>Whether any form of the credential appears anywhere in the URI: host, path, query or fragment.</summary>
    public bool AppearsIn(Uri uri) => AppearsIn(uri.OriginalString) || AppearsIn(uri.AbsoluteUri);

    /// <summary>Whether any form of the credential appears in the text, raw or after undoing percent-encoding (up to three times).</summary>
    public bool AppearsIn(string text)
    {
        if (_forms.Length == 0)
        {
            return false;
        }

        for (var round = 0; round < 4; round++)
        {
            foreach (var form in _forms)
            {
                if (text.Contains(form, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            // '+' is a space only in form encoding; base64 keeps its '+', so both readings are tried.
            if (text.Contains('+', StringComparison.Ordinal) && AppearsRaw(text.Replace('+', ' ')))
            {
                return true;
            }

            var decoded = Unescape(text);
            if (decoded == text)
            {
                return false;
            }

            text = decoded;
        }

        return false;
    }

    /// <summary>Returns a URL for logs: the URL itself when no form of the credential is in it, else its origin and a marker.</summary>
    public string Scrub(string redactedUrl)
    {
        if (!AppearsIn(redactedUrl))
        {
            return redactedUrl;
        }

        return Uri.TryCreate(redactedUrl, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority) + "/(redacted: the URL carried the credential)"
            : "(redacted: the URL carried the credential)";
    }

    private bool AppearsRaw(string text)
    {
        foreach (var form in _forms)
        {
            if (text.Contains(form, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static string Unescape(string text)
    {
        try
        {
            return Uri.UnescapeDataString(text);
        }
        catch (UriFormatException)
        {
            return text;
        }
    }
}
