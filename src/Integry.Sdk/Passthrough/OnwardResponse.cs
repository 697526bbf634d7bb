using System.Net.Http.Headers;

namespace Integry.Sdk.Passthrough;

/// <summary>An app's answer to one attempt, read whole (so a body cut short is a failed attempt, not a half result).</summary>
internal sealed class OnwardResponse
{
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    private OnwardResponse(int statusCode, byte[] body, MediaTypeHeaderValue? contentType, Dictionary<string, IReadOnlyList<string>> headers, Uri? location, TimeSpan? retryAfter)
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        Headers = headers;
        Location = location;
        RetryAfter = retryAfter;
    }

    public int StatusCode { get; }

    public byte[] Body { get; }

    public MediaTypeHeaderValue? ContentType { get; }

    /// <summary>Gets every response header (content headers included) except hop-by-hop ones.</summary>
    public Dictionary<string, IReadOnlyList<string>> Headers { get; }

    public Uri? Location { get; }

    /// <summary>Gets the wait the app asked for with <c>Retry-After</c> (seconds or an HTTP date), measured when the answer came.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsRedirect => StatusCode is 301 or 302 or 303 or 307 or 308 && Location is not null;

    public static async Task<OnwardResponse> ReadAsync(HttpResponseMessage response, long maxBytes, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var body = await ResponseReader.ReadBodyAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.NonValidated)
        {
            if (!HopByHopHeaders.Contains(header.Key))
            {
                headers[header.Key] = header.Value.ToArray();
            }
        }

        foreach (var header in response.Content.Headers.NonValidated)
        {
            headers[header.Key] = header.Value.ToArray();
        }

        TimeSpan? retryAfter = response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => Max(date - timeProvider.GetUtcNow(), TimeSpan.Zero),
            _ => null,
        };
        return new OnwardResponse((int)response.StatusCode, body, response.Content.Headers.ContentType, headers, response.Headers.Location, retryAfter);
    }

    public string? FirstHeader(string name) => Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;
}
