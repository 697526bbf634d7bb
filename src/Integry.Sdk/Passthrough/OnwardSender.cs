using System.Runtime.CompilerServices;
using System.Net.Http.Headers;
using Integry.Sdk.Apps;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// Sends a passthrough to its app: follows redirects itself, re-checking every hop; retries transient failures with
/// Polly on the injected clock, honouring <c>Retry-After</c> and the app's reset header, and never waits past the
/// call's deadline: when a wait would cross it, the last answer is returned instead.
/// </summary>
internal sealed partial class OnwardSender
{
    private static readonly ResiliencePropertyKey<Attempt> StateKey = new("Integry.Sdk.Attempt");
    internal static readonly ProductInfoHeaderValue UserAgent = new("Integry.Sdk", typeof(OnwardSender).Assembly.GetName().Version?.ToString(3) ?? "0");
    private static readonly string UserAgentText = UserAgent.ToString();
    private static readonly HashSet<HttpMethod> RetryableMethods = [HttpMethod.Get, HttpMethod.Head, HttpMethod.Options, HttpMethod.Put, HttpMethod.Delete];

    private readonly Func<HttpMessageInvoker> _httpClientSource;
    private readonly PassthroughOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline<OnwardResponse> _pipeline;
    private readonly ILogger _logger;

    public OnwardSender(Func<HttpMessageInvoker> httpClientSource, PassthroughOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _logger = logger;
        _httpClientSource = httpClientSource;
        _options = options;
        _timeProvider = timeProvider;
        var builder = new ResiliencePipelineBuilder<OnwardResponse> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<OnwardResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.AttemptNumber, args.Context)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(StateKey, null!).NextDelay),
            });
        }

        if (options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(options.AttemptTimeout);
        }

        _pipeline = builder.Build();
    }

    /// <summary>Sends the request, following redirects; returns the final answer, how many requests it took, where it came
    /// from, and whether that last request carried the credential (a foreign host's 401 says nothing about it).</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">The call's deadline.</param>
    /// <param name="streaming">Whether the final answer keeps its body on the connection (<see cref="OnwardResponse.IsOpen"/>);
    /// answers the executor acts on (redirects, a 401, retryable errors) are read whole either way.</param>
    /// <remarks><see cref="Begin"/>, a wait for the headers, then <see cref="FinishAsync"/>: the executor's usual call does
    /// the same three steps in its own state machine, so only one waits on the wire.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<OnwardOutcome> SendAsync(OnwardRequest request, CallDeadline deadline, bool streaming = false)
    {
        var first = Begin(request, deadline, streaming);
        await first.Headers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return await FinishAsync(first).ConfigureAwait(false);
    }

    /// <summary>Starts the request's first attempt, bounded by <see cref="PassthroughOptions.AttemptTimeout"/> on the call's
    /// own timer. The caller waits for <see cref="Attempt.Headers"/> (which never throws), then calls <see cref="FinishAsync"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="deadline">The call's deadline.</param>
    /// <param name="streaming">As for <see cref="SendAsync"/>.</param>
    /// <returns>The first hop. Its attempt is not started when the call has no timer to bound it with (an infinite
    /// <see cref="PassthroughOptions.Timeout"/>: Polly's timeout strategy bounds every attempt) or its time is already up
    /// (the pipeline then ends the call as cancelled).</returns>
    public Attempt Begin(OnwardRequest request, CallDeadline deadline, bool streaming)
    {
        var first = new Attempt(this, request, request.Method, request.Target, request.Body, withCredential: true, echoed: false, deadline) { Streaming = streaming };
        StartOutsidePipeline(first);
        return first;
    }

    /// <summary>Ends what <see cref="Begin"/> started once its headers are in: the answer read, retried through Polly when it
    /// may be, and redirects followed. Completes at once for the usual answer (no retry, no redirect, a body already in).</summary>
    /// <param name="first">The first hop, from <see cref="Begin"/>, its <see cref="Attempt.Headers"/> complete.</param>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<OnwardOutcome> FinishAsync(Attempt first)
    {
        var request = first.Request;
        var deadline = first.Deadline;
        var method = request.Method;
        var body = request.Body;
        var target = request.Target;
        var withCredential = true;
        var attempts = 0;
        var state = first;
        for (var hop = 0; ; hop++)
        {
            if (hop > 0)
            {
                // A hop's URL came from the app (or from whoever the app redirected to): when it carries the credential in
                // any form, the span gets the origin only.
                state = new Attempt(this, request, method, target, body, withCredential, request.Echo.AppearsIn(target), deadline) { Streaming = first.Streaming };
                StartOutsidePipeline(state);
                await state.Headers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            OnwardResponse response;
            if (state.IsUnderway)
            {
                // The first attempt went out outside the Polly pipeline: one async layer fewer on every call. Only an outcome
                // that may be retried enters the pipeline, which replays it as its first attempt and decides, waits and
                // retries exactly as it would have.
                OnwardResponse? firstAnswer = null;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
                try
                {
                    firstAnswer = await state.ReceiveAsync().ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception);
                }

                response = AfterFirstAttempt(state, firstAnswer, failure) ?? await ExecutePipelineAsync(state).ConfigureAwait(false);
            }
            else
            {
                // No call timer to bound the attempt with (an infinite Timeout): Polly's timeout strategy does it.
                response = await ExecutePipelineAsync(state).ConfigureAwait(false);
            }

            attempts += state.Attempts;
            if (!response.IsRedirect || _options.MaxRedirects == 0)
            {
                return new OnwardOutcome(response, attempts, target, withCredential);
            }

            // The redirect's own answer is dropped here, whatever happens next: its pooled buffer goes back.
            using (response)
            {
                if (hop >= _options.MaxRedirects)
                {
                    throw new IntegryException($"{request.App.Definition.DisplayName} redirected more than {_options.MaxRedirects} times (PassthroughOptions.MaxRedirects); the redirects may loop.");
                }

                var next = new Uri(target, response.Location!);
                withCredential = CheckHop(request, next, response.StatusCode, body);
                if (_logger.IsEnabled(LogLevel.Debug))
                {
                    var redacted = request.Echo.Scrub(UrlRedactor.Redact(next, request.CredentialParts.QueryNames));
                    PassthroughLog.RedirectFollowed(_logger, request.FunctionName, response.StatusCode, redacted, withCredential);
                }

                (method, body) = MethodAfterRedirect(response.StatusCode, method, body);
                target = withCredential ? CredentialInjector.WithoutQueryParameters(next, request.CredentialParts) : next;
            }
        }
    }

    /// <summary>Sends a hop's first attempt now, bounded by the attempt's limit on the call's timer, when the call has one.</summary>
    private void StartOutsidePipeline(Attempt state)
    {
        if (state.Deadline.TryNarrow(_options.AttemptTimeout))
        {
            state.Start(state.Deadline.Token);
        }
    }

    /// <summary>
    /// Decides where a redirect may go: <see langword="true"/> for an origin of the app (scheme, host and port; the
    /// credential is sent), <see langword="false"/> for any other origin (no credential, no body), or an exception when
    /// the hop may not be followed at all. Messages never quote the hop's URL: it may carry the credential.
    /// </summary>
    private static bool CheckHop(OnwardRequest request, Uri next, int status, byte[]? body)
    {
        var app = request.App.Definition;
        if (!CatalogEntry.TryHostOf(next, out _))
        {
            throw new IntegryException($"{app.DisplayName} redirected to a URL whose host is not a valid domain name; the redirect was not followed.");
        }

        if (next.Scheme != Uri.UriSchemeHttps && !(app.AllowLocalNetwork && next.Scheme == Uri.UriSchemeHttp))
        {
            throw new IntegryException($"{app.DisplayName} redirected to a {(next.Scheme.Length <= 10 ? next.Scheme : "non-https")} URL; only https is followed.");
        }

        if (PassthroughTarget.CheckTarget(next, request.App, request.Credential) is null)
        {
            return true;
        }

        // Checked before anything names the hop's host: the host itself may be where the credential was put.
        if (request.Echo.AppearsIn(next))
        {
            throw new IntegryException($"{app.DisplayName} redirected outside its origins with the user's credential in the URL; the redirect was not followed.");
        }

        if (app.ForeignRedirects == ForeignRedirectPolicy.Refuse)
        {
            throw new IntegryException($"{app.DisplayName} redirected to '{next.IdnHost}', outside its origins; its catalog entry refuses such redirects.");
        }

        if (!string.IsNullOrEmpty(next.UserInfo) || PassthroughTarget.IsPrivateAddressLiteral(next))
        {
            throw new IntegryException($"{app.DisplayName} redirected to '{next.IdnHost}', which is not a public host; the redirect was not followed.");
        }

        if (status is 307 or 308 && body is not null)
        {
            throw new IntegryException($"{app.DisplayName} redirected a request with a body to '{next.IdnHost}', outside its origins; the body was not sent there.");
        }

        return false;
    }

    private static (HttpMethod Method, byte[]? Body) MethodAfterRedirect(int status, HttpMethod method, byte[]? body) => status switch
    {
        // 307 and 308 keep method and body; 303 becomes GET; 301 and 302 turn POST into GET, as browsers and HttpClient do.
        303 when method != HttpMethod.Head => (HttpMethod.Get, null),
        301 or 302 when method == HttpMethod.Post => (HttpMethod.Get, null),
        _ => (method, body),
    };

    /// <summary>
    /// Ends the first attempt of a hop: the call's own deadline back, a cancellation by the attempt's limit turned into what
    /// Polly's timeout strategy would have thrown. Returns the answer, throws the failure, or returns <see langword="null"/>
    /// with the outcome kept for the pipeline to replay when the retry policy may retry it.
    /// </summary>
    private OnwardResponse? AfterFirstAttempt(Attempt state, OnwardResponse? response, System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure)
    {
        var deadline = state.Deadline;
        if (deadline.EndNarrowing() && failure?.SourceException is OperationCanceledException && !deadline.CallerCancelled)
        {
            failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(
                new TimeoutRejectedException("The attempt did not finish within PassthroughOptions.AttemptTimeout.", _options.AttemptTimeout, failure.SourceException));
        }

        var retryable = _options.MaxRetries > 0 && state.Retryable && IsRetryableOutcome(response, failure?.SourceException);
        if (retryable)
        {
            // A retry may follow: the call's own limit comes back first (EndNarrowing leaves the attempt's on the timer),
            // so whether the call still runs is asked of the call's token, not of an attempt limit that fired since.
            deadline.Resume();
        }

        if (!(retryable && CanRetry(state)))
        {
            if (failure is null)
            {
                return response!;
            }

            if (failure.SourceException is TimeoutRejectedException timeout)
            {
                throw AttemptTimedOut(state, timeout);
            }

            failure.Throw();
        }

        state.Replay = failure ?? (object?)response;
        return null;
    }

    private async Task<OnwardResponse> ExecutePipelineAsync(Attempt state)
    {
        // Retries wait within the call's own deadline (Polly bounds each attempt itself).
        state.Deadline.Resume();
        var context = ResilienceContextPool.Shared.Get(state.Deadline.Token);
        context.Properties.Set(StateKey, state);
        try
        {
            return await _pipeline.ExecuteAsync(static (context, state) => state.NextAsync(context.CancellationToken), context, state).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException exception)
        {
            throw AttemptTimedOut(state, exception);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private IntegryException AttemptTimedOut(Attempt state, TimeoutRejectedException exception) =>
        new($"{state.Request.App.Definition.DisplayName} did not answer within {_options.AttemptTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s (PassthroughOptions.AttemptTimeout), {state.Attempts} attempt(s).", exception);

    /// <summary>Whether this hop may be retried at all: its method allows it and the call is still running.</summary>
    private static bool CanRetry(Attempt state) => state.Retryable && !state.Deadline.Token.IsCancellationRequested;

    /// <summary>Whether an attempt's outcome is one a retry could change: a transient status, a failed connection or an
    /// attempt timeout; never the guard's refusal (nothing was sent, and the same request would be refused again).</summary>
    private static bool IsRetryableOutcome(OnwardResponse? response, Exception? exception) => exception switch
    {
        null => response is { } answer && IsTransient(answer.StatusCode),
        OnwardGuardException or { InnerException: OnwardGuardException } => false,
        HttpRequestException or TimeoutRejectedException => true,
        _ => false,
    };

    private bool ShouldRetry(Outcome<OnwardResponse> outcome, int attemptNumber, ResilienceContext context)
    {
        var state = context.Properties.GetValue(StateKey, null!);
        if (!CanRetry(state) || !IsRetryableOutcome(outcome.Result, outcome.Exception))
        {
            return false;
        }

        var now = _timeProvider.GetUtcNow();
        var delay = outcome is { Exception: null, Result: { } response }
            ? response.RetryAfter
                ?? (response.StatusCode == 429 ? RateLimitReader.WaitUntilReset(response, state.Request.App.Definition.RateLimit, now) : null)
                ?? Backoff(attemptNumber)
            : Backoff(attemptNumber);

        // A timer waits at most about 49.7 days: a longer Retry-After (or back-off) of a call without a deadline waits that long.
        delay = delay < CallDeadline.MaxTimeout ? delay : CallDeadline.MaxTimeout;

        // Never sleep past the deadline: the caller gets the last answer (with its rate-limit information) instead.
        if (state.Deadline.Timeout != Timeout.InfiniteTimeSpan && now + delay >= state.Deadline.StartedAt + state.Deadline.Timeout)
        {
            return false;
        }

        state.NextDelay = delay;
        // Polly asks even after the last attempt, when no retry follows: log only a retry that will happen. Its attempt
        // numbers start at 0, so the attempt that follows this one is number attemptNumber + 2.
        if (attemptNumber < _options.MaxRetries && _logger.IsEnabled(LogLevel.Information))
        {
            PassthroughLog.Retrying(_logger, state.Request.FunctionName, outcome.Exception is null ? outcome.Result?.StatusCode : null, outcome.Exception, delay, attemptNumber + 2);
        }

        return true;
    }

    private TimeSpan Backoff(int attemptNumber)
    {
        var exponential = _options.RetryBaseDelay * Math.Pow(2, attemptNumber);
        return exponential + (exponential * (Random.Shared.NextDouble() * 0.25));
    }

    /// <summary>Whether a failed attempt of this method may be retried: POST and PATCH only where the app makes them idempotent with a key.</summary>
    internal static bool IsRetryable(HttpMethod method, bool hasIdempotencyKey) =>
        RetryableMethods.Contains(method) || (hasIdempotencyKey && (method == HttpMethod.Post || method == HttpMethod.Patch));

    private static bool IsTransient(int status) => status is 408 or 429 or 500 or 502 or 503 or 504;
}
