using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Integry.Sdk;

/// <summary>
/// The answer of <see cref="IntegryClient.PassthroughStreamAsync"/>: either a rejection (<see cref="Rejection"/>, nothing
/// sent or nothing run), or the app's status, headers and its body as a <see cref="Stream"/> that is read from the
/// connection as the caller reads <see cref="Content"/>.
/// </summary>
/// <remarks>
/// Dispose it (<c>await using</c>) when done: that closes <see cref="Content"/> and releases the connection, which goes
/// back to the pool when the body was read to its end and is closed otherwise. The body is not limited by
/// <see cref="PassthroughOptions.MaxResponseBytes"/> and not bounded by <see cref="PassthroughOptions.Timeout"/>, which
/// end when the app's status and headers have arrived; bound the reading with the token you pass to
/// <see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/>.
/// </remarks>
public sealed class PassthroughStreamResult : IAsyncDisposable, IDisposable
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoHeaders = new Dictionary<string, IReadOnlyList<string>>();

    private readonly IDisposable? _owner;
    private int _disposed;

    internal PassthroughStreamResult(
        int statusCode,
        Stream content,
        IDisposable? owner,
        IReadOnlyDictionary<string, IReadOnlyList<string>> headers,
        string? contentType,
        long? contentLength,
        RateLimitInfo? rateLimit,
        int attempts)
    {
        StatusCode = statusCode;
        Content = content;
        _owner = owner;
        Headers = headers;
        ContentType = contentType;
        ContentLength = contentLength;
        RateLimit = rateLimit;
        Attempts = attempts;
    }

    private PassthroughStreamResult(Result.Rejected rejection)
    {
        Rejection = rejection;
        Content = Stream.Null;
        Headers = NoHeaders;
    }

    /// <summary>Gets why the call was not run, or <see langword="null"/> when the app answered.</summary>
    public Result.Rejected? Rejection { get; }

    /// <summary>Gets a value indicating whether the call was rejected (nothing was sent to the app, or nothing was run).</summary>
    [MemberNotNullWhen(true, nameof(Rejection))]
    public bool IsRejected => Rejection is not null;

    /// <summary>Gets the app's HTTP status (<c>network_code</c>); 0 when rejected.</summary>
    public int StatusCode { get; }

    /// <summary>Gets a value indicating whether the app answered with a 2xx status.</summary>
    public bool IsSuccessStatusCode => StatusCode is >= 200 and <= 299;

    /// <summary>Gets the app's response headers (content headers included, hop-by-hop ones left out); empty when rejected.</summary>
    /// <remarks>They may carry cookies the app set: they are never printed by <see cref="ToString"/>.</remarks>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>Gets the body's content type, when the app declared one.</summary>
    public string? ContentType { get; }

    /// <summary>Gets the body's length, when known (the app's <c>Content-Length</c>; unknown for a chunked or decompressed body).</summary>
    public long? ContentLength { get; }

    /// <summary>Gets the app's rate-limit state after the call, when the app reports one.</summary>
    public RateLimitInfo? RateLimit { get; }

    /// <summary>Gets how many requests the executor sent for the call, retries and redirect hops included; 0 when rejected.</summary>
    public int Attempts { get; }

    /// <summary>Gets the body, read from the connection as you read it; <see cref="Stream.Null"/> when rejected. Read it once.</summary>
    public Stream Content { get; }

    /// <summary>Creates a streamed answer, for example in a test of code that calls <see cref="IntegryClient.PassthroughStreamAsync"/>.</summary>
    /// <param name="statusCode">The app's HTTP status.</param>
    /// <param name="content">The body; disposed with the result.</param>
    /// <param name="headers">The response headers; none when <see langword="null"/>.</param>
    /// <param name="contentType">The body's content type, if any.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not an HTTP status (100 to 599).</exception>
    public static PassthroughStreamResult FromContent(int statusCode, Stream content, IReadOnlyDictionary<string, IReadOnlyList<string>>? headers = null, string? contentType = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentNullException.ThrowIfNull(content);
        return new PassthroughStreamResult(statusCode, content, owner: null, headers ?? NoHeaders, contentType, content.CanSeek ? content.Length : null, rateLimit: null, attempts: 1);
    }

    /// <summary>Creates a rejected answer, as the client returns when the call was not run.</summary>
    /// <param name="rejection">Why the call was not run.</param>
    /// <returns>The result.</returns>
    public static PassthroughStreamResult FromRejection(Result.Rejected rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return new PassthroughStreamResult(rejection);
    }

    /// <summary>Returns this result when the app answered, whatever its status; throws when the call was rejected.</summary>
    /// <returns>This result.</returns>
    /// <exception cref="IntegryRejectedException">The call was rejected; the exception carries <see cref="Rejection"/>.</exception>
    public PassthroughStreamResult EnsureStreamed() => Rejection is { } rejection ? throw new IntegryRejectedException(rejection) : this;

    /// <summary>Closes the body and releases the connection (to the pool when the body was read to its end).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Content.Dispose();
            _owner?.Dispose();
        }
    }

    /// <summary>Closes the body and releases the connection, as <see cref="Dispose"/>.</summary>
    /// <returns>A task that completes when both are released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await Content.DisposeAsync().ConfigureAwait(false);
            _owner?.Dispose();
        }
    }

    /// <summary>Prints the status and content type, or the rejection; never the headers, which may carry cookies or tokens.</summary>
    /// <returns>For example <c>Streamed { StatusCode = 200, ContentType = application/pdf, ContentLength = 1024 }</c>.</returns>
    public override string ToString() => Rejection is { } rejection
        ? rejection.ToString()
        : string.Create(CultureInfo.InvariantCulture, $"Streamed {{ StatusCode = {StatusCode}, ContentType = {ContentType ?? "(none)"}, ContentLength = {(ContentLength is { } length ? length.ToString(CultureInfo.InvariantCulture) : "(unknown)")} }}");
}
