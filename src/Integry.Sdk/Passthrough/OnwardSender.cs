using System.Runtime.CompilerServices;
using System.Net.Http.Headers;
using Integry.Sdk.Apps;
using Integry.Sdk.Diagnostics;
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
internal sealed class OnwardSender
{
    private static readonly ResiliencePropertyKey<AttemptState> StateKey = new("Integry.Sdk.Attempt");
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
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<(OnwardResponse Response, int Attempts, Uri FinalUri, bool Credentialed)> SendAsync(OnwardRequest request, CallDeadline deadline, bool streaming = false)
    {
        var method = request.Method;
        var body = request.Body;
        var target = request.Target;
        var withCredential = true;
        var attempts = 0;
        for (var hop = 0; ; hop++)
        {
            // A hop's URL came from the app (or from whoever the app redirected to): when it carries the credential in any
            // form, the span gets the origin only.
            var echoed = hop > 0 && request.Echo.AppearsIn(target);
            var state = new AttemptState(this, request, method, target, body, withCredential, echoed, deadline) { Streaming = streaming };
            OnwardResponse response;
            if (deadline.TryNarrow(_options.AttemptTimeout))
            {
                // The first attempt goes out from here, bounded by AttemptTimeout on the call's own timer: one async layer
                // fewer on every call. Only an outcome that may be retried enters the Polly pipeline, which replays it as
                // its first attempt and decides, waits and retries exactly as it would have.
                OnwardResponse? first = null;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
                try
                {
                    first = await state.SendOnceAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (Exception exception)
                {
                    failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception);
                }

                response = AfterFirstAttempt(state, first, failure) ?? await ExecutePipelineAsync(state).ConfigureAwait(false);
            }
            else
            {
                // No call timer to bound the attempt with (an infinite Timeout): Polly's timeout strategy does it.
                response = await ExecutePipelineAsync(state).ConfigureAwait(false);
            }

            attempts += state.Attempts;
            if (!response.IsRedirect || _options.MaxRedirects == 0)
            {
                return (response, attempts, target, withCredential);
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
    private OnwardResponse? AfterFirstAttempt(AttemptState state, OnwardResponse? response, System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure)
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

        state.Replay = (response, failure);
        return null;
    }

    private async Task<OnwardResponse> ExecutePipelineAsync(AttemptState state)
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

    private IntegryException AttemptTimedOut(AttemptState state, TimeoutRejectedException exception) =>
        new($"{state.Request.App.Definition.DisplayName} did not answer within {_options.AttemptTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s (PassthroughOptions.AttemptTimeout), {state.Attempts} attempt(s).", exception);

    /// <summary>Whether this hop may be retried at all: its method allows it and the call is still running.</summary>
    private static bool CanRetry(AttemptState state) => state.Retryable && !state.Deadline.Token.IsCancellationRequested;

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
        if (state.Deadline.Timeout != Timeout.InfiniteTimeSpan && now + delay >= state.StartedAt + state.Deadline.Timeout)
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

    /// <summary>One hop of one call: what each attempt sends, and what the retry policy needs to decide.</summary>
    private sealed class AttemptState(OnwardSender sender, OnwardRequest request, HttpMethod method, Uri target, byte[]? body, bool withCredential, bool echoed, CallDeadline deadline)
    {
        public OnwardRequest Request { get; } = request;

        public CallDeadline Deadline { get; } = deadline;

        public DateTimeOffset StartedAt { get; } = deadline.StartedAt;

        // POST and PATCH are retried only where the app makes them idempotent with a key.
        public bool Retryable { get; } = IsRetryable(method, request.IdempotencyKey is not null);

        public int Attempts { get; private set; }

        public TimeSpan NextDelay { get; set; }

        /// <summary>Gets a value indicating whether an answer the executor does not act on keeps its body on the connection.</summary>
        public bool Streaming { get; init; }

        /// <summary>Gets or sets the first attempt's outcome, sent outside the pipeline, for the pipeline to replay as its own first attempt.</summary>
        public (OnwardResponse? Response, System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure)? Replay { get; set; }

        /// <summary>The pipeline's attempt: the replayed first outcome once, then real attempts.</summary>
        public ValueTask<OnwardResponse> NextAsync(CancellationToken cancellationToken)
        {
            if (Replay is not { } replay)
            {
                return SendOnceAsync(cancellationToken);
            }

            Replay = null;
            replay.Failure?.Throw();
            return ValueTask.FromResult(replay.Response!);
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<OnwardResponse> SendOnceAsync(CancellationToken cancellationToken)
        {
            Attempts++;
            using var message = CreateMessage();
            var app = Request.App.Definition.Slug;
            var spanUri = echoed ? new Uri(target.GetLeftPart(UriPartial.Authority) + "/", UriKind.Absolute) : message.RequestUri!;
            using var activity = IntegryTelemetry.StartAttempt(app, method, spanUri, Request.CredentialParts.QueryNames, Attempts);
            try
            {
                var sent = message.RequestUri!;
                HttpResponseMessage response;
                try
                {
                    // An HttpClient (from IHttpClientFactory) must be told to stop at the headers; a bare invoker always does.
                    var invoker = sender._httpClientSource();
                    response = await (invoker is HttpClient client
                        ? client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                        : invoker.SendAsync(message, cancellationToken)).ConfigureAwait(false);
                }
                catch (HttpRequestException exception) when (IsProtocolViolation(exception.HttpRequestError))
                {
                    throw ProtocolViolation(exception);
                }

                OnwardResponse answer;
                var handedOver = false;
                try
                {
                    if (response.RequestMessage?.RequestUri is { } answered && answered != sent)
                    {
                        // A handler of the caller's that follows redirects itself would carry the credential unchecked.
                        throw new IntegryException("The HTTP handler followed a redirect by itself; give the executor a handler that does not (AllowAutoRedirect = false).");
                    }

                    if (Streaming && !ActsOn(response))
                    {
                        // The final answer of a streamed call: its body stays on the connection, owned by the answer from here on.
                        answer = OnwardResponse.Open(response, sender._timeProvider);
                        handedOver = true;
                        IntegryTelemetry.EndAttempt(activity, answer.StatusCode, null);
                        IntegryTelemetry.RecordBytes(app, body?.Length ?? 0, -1);
                        return answer;
                    }

                    var read = await ResponseReader.ReadBodyAsync(response.Content, sender._options.MaxResponseBytes, cancellationToken).ConfigureAwait(false);
                    answer = OnwardResponse.Read(response, read, sender._timeProvider);
                }
                catch (HttpIOException exception) when (IsProtocolViolation(exception.HttpRequestError))
                {
                    throw ProtocolViolation(exception);
                }
                catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // A body cut short (reset, or shorter than its Content-Length) is a failed attempt like a failed connection.
                    throw new HttpRequestException(HttpRequestError.ResponseEnded, $"The response ended before its body was complete: {exception.Message}", exception);
                }
                finally
                {
                    if (!handedOver)
                    {
                        response.Dispose();
                    }
                }

                IntegryTelemetry.EndAttempt(activity, answer.StatusCode, null);
                IntegryTelemetry.RecordBytes(app, body?.Length ?? 0, answer.Body.Length);
                return answer;
            }
            catch (Exception exception)
            {
                IntegryTelemetry.EndAttempt(activity, null, exception);
                throw;
            }
        }

        /// <summary>Whether the executor itself acts on this answer (follows it, refreshes for it, retries it), so its body is read whole.</summary>
        private bool ActsOn(HttpResponseMessage response)
        {
            var status = (int)response.StatusCode;
            return (status is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is not null && sender._options.MaxRedirects > 0)
                || (status == 401 && withCredential)
                || (IsTransient(status) && Retryable && sender._options.MaxRetries > 0);
        }

        /// <summary>A malformed answer (bad status line, chunk framing, headers past the limit) is deterministic, not transient.</summary>
        private static bool IsProtocolViolation(HttpRequestError error) =>
            error is HttpRequestError.InvalidResponse or HttpRequestError.ConfigurationLimitExceeded;

        private IntegryException ProtocolViolation(Exception exception) => new(
            $"{Request.App.Definition.DisplayName} answered with a malformed HTTP response ({(exception as HttpRequestException)?.HttpRequestError ?? (exception as HttpIOException)?.HttpRequestError}: {exception.Message}); a protocol violation is not retried.",
            IntegryErrorKind.Protocol,
            isTransient: false,
            exception);

        private PermittedRequestMessage CreateMessage()
        {
            var app = Request.App.Definition;
            var uri = withCredential ? CredentialInjector.AppendQuery(target, Request.CredentialParts) : target;
            var message = new PermittedRequestMessage(method, uri);
            // Added as text: the typed header would be formatted again for every request.
            message.Headers.TryAddWithoutValidation("User-Agent", UserAgentText);
            if (withCredential)
            {
                foreach (var (name, value) in app.DefaultHeaders)
                {
                    message.Headers.TryAddWithoutValidation(name, value);
                }

                CredentialInjector.Apply(message, Request.CredentialParts);
            }

            if (Request.IdempotencyKey is { } key && app.IdempotencyHeader is { } header)
            {
                message.Headers.TryAddWithoutValidation(header, key);
            }

            if (body is not null && !withCredential && Request.CredentialParts.BodyFields.Count > 0)
            {
                // The body carries the credential (Mailchimp Transactional's "key"): it never goes to a host outside the app.
                throw new IntegryException($"{app.DisplayName} redirected a request whose body carries the user's credential outside its hosts; the redirect was not followed.");
            }

            if (body is not null)
            {
                // The caller's JSON goes out as written: big numbers and exact text are not re-serialised.
                message.Content = new ByteArrayContent(body);
                message.Content.Headers.TryAddWithoutValidation("Content-Type", Request.ContentType ?? "application/json; charset=utf-8");
            }

            if (withCredential)
            {
                PassthroughHeaders.Apply(message, Request.Headers);
                CredentialInjector.Sign(message, Request.CredentialParts, body, sender._timeProvider);
            }

            // The guard sends the request only to this origin. Only the app's own origins may be on the local network, and
            // only when the app allows it: a foreign hop never is.
            message.Permit = new OnwardPermit(uri, withCredential && app.AllowLocalNetwork);
            return message;
        }
    }
}
