using System.Text;

namespace Integry.Sdk.Testing;

/// <summary>What a <see cref="FakeApp"/> route answers: a status, a body and headers.</summary>
public sealed class FakeResponse
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    private FakeResponse(int statusCode, byte[] body, string? contentType, IReadOnlyDictionary<string, string>? headers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        Headers = headers ?? NoHeaders;
    }

    /// <summary>Gets the HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the body's bytes.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Gets the content type, or <see langword="null"/> for none.</summary>
    public string? ContentType { get; }

    /// <summary>Gets extra response headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>A JSON body, sent as it is written.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="statusCode">The status (200 by default).</param>
    /// <param name="headers">Extra headers, such as rate-limit headers.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Json(string json, int statusCode = 200, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new(statusCode, Encoding.UTF8.GetBytes(json), "application/json", headers);
    }

    /// <summary>A plain-text body.</summary>
    /// <param name="text">The text.</param>
    /// <param name="statusCode">The status (200 by default).</param>
    /// <param name="headers">Extra headers.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Text(string text, int statusCode = 200, IReadOnlyDictionary<string, string>? headers = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(statusCode, Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", headers);
    }

    /// <summary>A status with no body, such as 204 or 429.</summary>
    /// <param name="statusCode">The status.</param>
    /// <param name="headers">Extra headers, such as <c>Retry-After</c>.</param>
    /// <returns>The response.</returns>
    public static FakeResponse Status(int statusCode, IReadOnlyDictionary<string, string>? headers = null) => new(statusCode, [], null, headers);

    /// <summary>Raw bytes with a content type of your choice.</summary>
    /// <param name="body">The bytes.</param>
    /// <param name="contentType">The content type.</param>
    /// <param name="statusCode">The status (200 by default).</param>
    /// <returns>The response.</returns>
    public static FakeResponse Bytes(byte[] body, string contentType, int statusCode = 200)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);
        return new(statusCode, body.ToArray(), contentType, null);
    }
}
