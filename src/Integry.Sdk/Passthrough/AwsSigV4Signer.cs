using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// AWS Signature Version 4 for a request's headers, as AWS's "Create a signed AWS API request" documents it and its
/// published test suite checks it (the tests hold those vectors). The AWS SDK's own signer needs the SDK's request
/// pipeline (<c>IRequest</c>, client configs) and would put AWSSDK.Core under every user of this package for one app;
/// the algorithm itself is a canonical string and an HMAC-SHA256 chain over the framework's primitives.
/// </summary>
internal sealed class AwsSigV4Signer(string accessKeyId, string secretAccessKey, string? sessionToken, string region, string service)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public string AccessKeyId { get; } = accessKeyId;

    public string SecretAccessKey { get; } = secretAccessKey;

    /// <summary>Signs a message whose URI, headers and body are final: adds <c>X-Amz-Date</c>, <c>X-Amz-Security-Token</c> when
    /// there is one, and <c>Authorization</c>.</summary>
    public void Sign(HttpRequestMessage message, byte[]? body, DateTimeOffset now)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        message.Headers.Remove("X-Amz-Date");
        message.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        var signed = new List<(string Name, string Value)> { ("x-amz-date", amzDate) };
        if (sessionToken is not null)
        {
            message.Headers.Remove("X-Amz-Security-Token");
            message.Headers.TryAddWithoutValidation("X-Amz-Security-Token", sessionToken);
            signed.Add(("x-amz-security-token", sessionToken));
        }

        if (message.Content?.Headers.ContentType is { } contentType)
        {
            signed.Add(("content-type", contentType.ToString()));
        }

        var authorization = Authorization(message.Method.Method, message.RequestUri!, signed, body ?? [], now);
        message.Headers.Remove("Authorization");
        message.Headers.TryAddWithoutValidation("Authorization", authorization);
    }

    /// <summary>Whether <see cref="Sign"/> writes a header of this name (replacing any value already set): the caller cannot set it.</summary>
    public static bool IsWrittenBySigning(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase)
        || name.Equals("X-Amz-Security-Token", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the session token of temporary credentials, sent as <c>X-Amz-Security-Token</c>; <see langword="null"/> for long-term keys.</summary>
    public string? SessionToken => sessionToken;

    /// <summary>
    /// The <c>Authorization</c> value a request would get, for a dry run: the algorithm, scope and signed headers as
    /// <see cref="Sign"/> writes them, with the key id masked and the date and signature, known only when the request is
    /// sent, shown as placeholders.
    /// </summary>
    /// <param name="hasContentType">Whether the request would carry a <c>Content-Type</c> (a body), which is signed.</param>
    public string PlannedAuthorization(bool hasContentType)
    {
        // Sign's headers: x-amz-date, the session token when there is one, the content type when there is one; host always.
        var signed = new List<string> { "host", "x-amz-date" };
        if (sessionToken is not null)
        {
            signed.Add("x-amz-security-token");
        }

        if (hasContentType)
        {
            signed.Add("content-type");
        }

        signed.Sort(StringComparer.Ordinal);
        return $"{Algorithm} Credential={PassthroughPlanner.Mask}/yyyyMMdd/{region}/{service}/aws4_request, SignedHeaders={string.Join(';', signed)}, Signature={PassthroughPlanner.Mask}";
    }

    /// <summary>The <c>Authorization</c> value for a request; <c>host</c> is always signed, with the other given headers (lower-case names).</summary>
    public string Authorization(string method, Uri uri, IReadOnlyList<(string Name, string Value)> headers, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = uri.IsDefaultPort ? uri.IdnHost : uri.IdnHost + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        var canonicalHeaders = headers.Select(header => (Name: header.Name.ToLowerInvariant(), Value: Collapse(header.Value)))
            .Append((Name: "host", Value: host))
            .OrderBy(header => header.Name, StringComparer.Ordinal)
            .ToList();
        var signedHeaders = string.Join(';', canonicalHeaders.Select(header => header.Name));
        var canonicalRequest = new StringBuilder()
            .Append(method).Append('\n')
            .Append(CanonicalPath(uri)).Append('\n')
            .Append(CanonicalQuery(uri)).Append('\n');
        foreach (var (name, value) in canonicalHeaders)
        {
            canonicalRequest.Append(name).Append(':').Append(value).Append('\n');
        }

        canonicalRequest.Append('\n').Append(signedHeaders).Append('\n').Append(Hex(SHA256.HashData(body)));

        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest.ToString())))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + SecretAccessKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));
        return $"{Algorithm} Credential={AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
    }

    /// <summary>Each path segment as sent, decoded and encoded again with only RFC 3986 unreserved characters left as they are.</summary>
    private static string CanonicalPath(Uri uri)
    {
        var path = uri.AbsolutePath;
        if (path.Length == 0)
        {
            return "/";
        }

        return string.Join('/', path.Split('/').Select(segment => Uri.EscapeDataString(Uri.UnescapeDataString(segment))));
    }

    /// <summary>The query's pairs, each name and value encoded as for the path, sorted by name then value.</summary>
    private static string CanonicalQuery(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return string.Empty;
        }

        return string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (Name: Encode(parts[0]), Value: parts.Length == 2 ? Encode(parts[1]) : string.Empty))
            .OrderBy(pair => pair.Name, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal)
            .Select(pair => pair.Name + "=" + pair.Value));

        static string Encode(string text) => Uri.EscapeDataString(Uri.UnescapeDataString(text));
    }

    /// <summary>Trims a header value and folds runs of spaces into one, as the canonical form requires.</summary>
    private static string Collapse(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
