using System.Net;
using Polly;
using Polly.Retry;

namespace Integry.Sdk.DependencyInjection;

/// <summary>
/// Retries calls to Integry's API only where a retry cannot run an action twice. Every route is a POST, and
/// <c>functions/{name}/call/</c> runs the function, so a request that may have reached Integry is retried only on the
/// read routes; on every route, a request is retried when the connection could not even be made (nothing was sent),
/// except when TLS refused the server, which a retry would not change.
/// </summary>
internal sealed class SafeRetryHandler : DelegatingHandler
{
    /// <summary>The longest retry delay Polly takes; a longer <c>Retry-After</c> or back-off waits this long.</summary>
    internal static readonly TimeSpan LongestWait = TimeSpan.FromHours(24);

    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public SafeRetryHandler(IntegryRetryOptions options, TimeProvider timeProvider)
    {
        _pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = LongestWait,
                ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result?.Headers.RetryAfter, timeProvider)),
                OnRetry = static args =>
                {
                    // The answer being retried is not handed to the caller: release its connection.
                    args.Outcome.Result?.Dispose();
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Whether the route only reads: list, get and predict. Anything else, the call route above all, may act.</summary>
    internal static bool IsRead(Uri? uri)
    {
        if (uri is null)
        {
            return false;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var n = segments.Length;
        return n >= 2 && segments[n - 2] is "functions" or "apps" && segments[n - 1] is "list"
            || n >= 2 && segments[n - 2] is "functions" && segments[n - 1] is "predict"
            || n >= 3 && segments[n - 3] is "functions" or "apps" && segments[n - 1] is "get";
    }

    /// <summary>Whether the request certainly never left this machine: the connection (or name resolution, or TLS) failed.</summary>
    internal static bool NothingWasSent(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };

    /// <summary>
    /// Whether TLS refused the server (its certificate, or an answer that is not TLS at all): nothing was sent, but the
    /// same server would be refused again, so waiting to retry only delays the error.
    /// </summary>
    internal static bool HandshakeRefused(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError, InnerException: System.Security.Authentication.AuthenticationException };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RequestKey, request);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (context, state) => new ValueTask<HttpResponseMessage>(state.Handler.SendCoreAsync(state.Request, context.CancellationToken)),
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static readonly ResiliencePropertyKey<HttpRequestMessage> RequestKey = new("Integry.Sdk.Request");

    private Task<HttpResponseMessage> SendCoreAsync(HttpRequestMessage request, CancellationToken cancellationToken) => base.SendAsync(request, cancellationToken);

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (NothingWasSent(outcome.Exception))
        {
            return !HandshakeRefused(outcome.Exception);
        }

        if (!IsRead(context.Properties.GetValue(RequestKey, null!)?.RequestUri))
        {
            return false;
        }

        return outcome switch
        {
            { Exception: HttpRequestException } => true,
            { Result: { } response } => response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500,
            _ => false,
        };
    }

    /// <summary>Integry's own wait (seconds or an HTTP date, on the injected clock), or <see langword="null"/> for the back-off.</summary>
    /// <summary>The wait Integry asked for, at most <see cref="LongestWait"/> (Polly does not bound what a generator returns).</summary>
    internal static TimeSpan? RetryAfter(System.Net.Http.Headers.RetryConditionHeaderValue? retryAfter, TimeProvider timeProvider) => retryAfter switch
    {
        { Delta: { } delta } => delta < LongestWait ? delta : LongestWait,
        { Date: { } date } => date - timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? (wait < LongestWait ? wait : LongestWait) : TimeSpan.Zero,
        _ => null,
    };
}
