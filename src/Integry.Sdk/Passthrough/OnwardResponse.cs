using System.Buffers;
using System.Net.Http.Headers;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// An app's answer to one attempt, read whole (so a body cut short is a failed attempt, not a half result). Its body
/// lives in a pooled buffer: whoever drops an answer (a retry, a redirect, a 401 answered again) disposes it, which
/// gives the buffer back. Polly's retry disposes the answers it discards.
/// </summary>
/// <remarks>
/// A streamed call keeps the final answer open instead (<see cref="Open"/>): status and headers are read, the body
/// stays on the connection until <see cref="TakeStreamAsync"/> hands it out; disposing an open answer releases the connection.
/// </remarks>
internal sealed class OnwardResponse : IDisposable
{
    private readonly ArrayPool<byte>? _pool;
    private byte[]? _rented;
    private HttpResponseMessage? _open;

    private OnwardResponse(ArrayPool<byte>? pool, int statusCode, byte[]? rented, int length, HttpResponseMessage? open, MediaTypeHeaderValue? contentType, ResponseHeaderView headers, Uri? location, TimeSpan? retryAfter)
    {
        _pool = pool;
        StatusCode = statusCode;
        _rented = rented;
        _open = open;
        Body = rented is null ? ReadOnlyMemory<byte>.Empty : rented.AsMemory(0, length);
        ContentType = contentType;
        Headers = headers;
        Location = location;
        RetryAfter = retryAfter;
    }

    public int StatusCode { get; }

    /// <summary>Gets the body, in a pooled buffer that is valid until <see cref="Release"/>.</summary>
    public ReadOnlyMemory<byte> Body { get; private set; }

    public MediaTypeHeaderValue? ContentType { get; }

    /// <summary>Gets every response header (content headers included) except hop-by-hop ones, copied when first read.</summary>
    public ResponseHeaderView Headers { get; }

    public Uri? Location { get; }

    /// <summary>Gets the wait the app asked for with <c>Retry-After</c> (seconds or an HTTP date), measured when the answer came.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsRedirect => StatusCode is 301 or 302 or 303 or 307 or 308 && Location is not null;

    /// <summary>Gets a value indicating whether the body is still on the connection (a streamed call's final answer).</summary>
    public bool IsOpen => _open is not null;

    /// <summary>Gets the body's length as the app declared it (<c>Content-Length</c>), when it did.</summary>
    public long? ContentLength { get; private init; }

    /// <summary>Takes an answer whose body <see cref="ResponseReader.ReadBodyAsync"/> has read whole: it owns the pooled buffer from now on.</summary>
    /// <remarks>Not async itself: the caller awaits the read in its own state machine, one async layer fewer per call.</remarks>
    public static OnwardResponse Read(HttpResponseMessage response, (byte[] Rented, int Length, ArrayPool<byte> Pool) body, TimeProvider timeProvider) =>
        new(body.Pool, (int)response.StatusCode, body.Rented, body.Length, null, response.Content.Headers.ContentType, new ResponseHeaderView(response), response.Headers.Location, RetryAfterOf(response, timeProvider));

    /// <summary>Takes an answer whose body stays on the connection: it owns <paramref name="response"/> from now on.</summary>
    public static OnwardResponse Open(HttpResponseMessage response, TimeProvider timeProvider) =>
        new(null, (int)response.StatusCode, null, 0, response, response.Content.Headers.ContentType, new ResponseHeaderView(response), response.Headers.Location, RetryAfterOf(response, timeProvider))
        {
            ContentLength = response.Content.Headers.ContentLength,
        };

    /// <summary>
    /// Hands out the body as a stream and, with it, what must be disposed when the caller is done: the open response
    /// (its connection), or this answer (its pooled buffer) when the body was read whole.
    /// </summary>
    public async Task<(Stream Content, IDisposable Owner)> TakeStreamAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _open, null) is { } open)
        {
            try
            {
                return (await open.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), open);
            }
            catch
            {
                open.Dispose();
                throw;
            }
        }

        // Read whole (a redirect, a 401 or a retryable error the executor acted on): a read-only view of the pooled buffer,
        // valid until this answer is disposed with the stream.
        return (_rented is { } rented ? new MemoryStream(rented, 0, Body.Length, writable: false) : new MemoryStream([], writable: false), this);
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider timeProvider) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => Max(date - timeProvider.GetUtcNow(), TimeSpan.Zero),
        _ => null,
    };

    /// <summary>Returns the body's buffer to the pool, or releases the connection of an open answer; the body is empty afterwards.</summary>
    public void Release()
    {
        if (Interlocked.Exchange(ref _rented, null) is { } rented)
        {
            var length = Body.Length;
            Body = ReadOnlyMemory<byte>.Empty;
            ResponseReader.Return(_pool!, rented, length);
        }

        Interlocked.Exchange(ref _open, null)?.Dispose();
    }

    /// <summary>Returns the body's buffer to the pool, as <see cref="Release"/>.</summary>
    public void Dispose() => Release();

    public string? FirstHeader(string name) => Headers.FirstValue(name);

    private static TimeSpan Max(TimeSpan left, TimeSpan right) => left > right ? left : right;
}
