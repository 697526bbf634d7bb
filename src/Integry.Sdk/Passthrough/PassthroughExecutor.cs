using System.Runtime.CompilerServices;
using System.Text.Json;
using Integry.Sdk.Apps;
using Integry.Sdk.Passthrough;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Integry.Sdk;

/// <summary>
/// Runs <c>&lt;app&gt;-passthrough-request</c> functions in this process: it asks an <see cref="ICredentialProvider"/>
/// for the user's credential, puts it where the app expects it, sends the request to the app's own host and returns
/// the same <see cref="Result"/> Integry would.
/// </summary>
/// <remarks>
/// A credential goes only to a host of the app (<see cref="AppDefinition.Hosts"/>), only over https, and never to a
/// private, loopback or link-local address unless the app allows the local network. Set it as
/// <see cref="IntegryClientOptions.PassthroughExecutor"/>, or register it with
/// <c>AddIntegry(…).AddLocalPassthrough()</c>.
/// </remarks>
public sealed partial class PassthroughExecutor
{
    // The invoker of every executor without a handler or proxy of its own. An invoker, not an HttpClient: HttpClient links
    // every cancellable token with its own (a token source and registrations per request) and adds a layer; the executor
    // bounds its calls itself.
    internal static readonly Lazy<HttpMessageInvoker> SharedInvoker = new(() => new HttpMessageInvoker(CreatePrimaryHandler()));

    private readonly ICredentialProvider _credentialProvider;
    private readonly PassthroughOptions _options;
    private readonly Func<HttpMessageInvoker> _httpClientSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly OnwardSender _sender;
    private readonly CredentialRefresher _refresher;
    private readonly CallDeadlineTimers _timers;

    // Whether the provider answers a lookup at once, never waiting on the call's token (the in-memory one): see RunAsync.
    private readonly bool _lookupAnswersAtOnce;

    /// <summary>Creates an executor.</summary>
    /// <param name="credentialProvider">Supplies the users' credentials.</param>
    /// <param name="options">The settings, including the dependencies (<see cref="PassthroughOptions.Handler"/>,
    /// <see cref="PassthroughOptions.CallLog"/>, <see cref="PassthroughOptions.TimeProvider"/>, <see cref="PassthroughOptions.LoggerFactory"/>);
    /// the defaults when <see langword="null"/>. They are validated and copied.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message names each problem.</exception>
    public PassthroughExecutor(ICredentialProvider credentialProvider, PassthroughOptions? options = null)
        : this(
            credentialProvider,
            options ?? new PassthroughOptions(),
            PassthroughHandlerPolicy.HttpClientFor(options),
            options?.CallLog ?? new InMemoryFunctionCallLog(),
            options?.TimeProvider ?? TimeProvider.System,
            LoggerFor(options?.LoggerFactory))
    {
    }

    internal PassthroughExecutor(
        ICredentialProvider credentialProvider,
        PassthroughOptions options,
        Func<HttpMessageInvoker> httpClientSource,
        IFunctionCallLog callLog,
        TimeProvider timeProvider,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(credentialProvider);
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate();
        if (failures.Count > 0)
        {
            throw new ArgumentException("PassthroughOptions are not valid: " + string.Join(" ", failures), nameof(options));
        }

        _credentialProvider = credentialProvider;
        _lookupAnswersAtOnce = credentialProvider is InMemoryCredentialProvider;
        _options = options.Clone();
        Catalog = _options.BuildCatalog();
        _httpClientSource = httpClientSource;
        CallLog = callLog;
        _timeProvider = timeProvider;
        _logger = logger;
        _sender = new OnwardSender(httpClientSource, _options, timeProvider, logger);
        _refresher = new CredentialRefresher(credentialProvider, _options.Timeout, timeProvider);
        _timers = new CallDeadlineTimers(timeProvider);
    }

    /// <summary>Gets the apps this executor can reach.</summary>
    public AppCatalog Catalog { get; }

    /// <summary>Gets the log that receives a record of each executed call.</summary>
    public IFunctionCallLog CallLog { get; }

    /// <summary>Creates the handler the onward requests go through: no automatic redirects, no cookies, no proxy, and no
    /// connection to a non-public address unless the request's app allows the local network.</summary>
    /// <returns>The handler.</returns>
    public static HttpMessageHandler CreatePrimaryHandler() => PassthroughHandlerPolicy.CreatePrimaryHandler();

    internal static ILogger LoggerFor(ILoggerFactory? loggerFactory) =>
        loggerFactory?.CreateLogger<PassthroughExecutor>() ?? (ILogger)NullLogger.Instance;

    /// <summary>Runs the call and reads the app's whole answer into a <see cref="Result"/>.</summary>
    internal Task<Result> InvokeAsync(FunctionInvocation invocation, CancellationToken cancellationToken) =>
        RunAsync<Result, BufferedCompletion>(invocation, inputChecked: false, cancellationToken).AsTask();

    /// <summary>
    /// <see cref="InvokeAsync"/> for <see cref="IntegryClient"/>, which has already refused ambiguous input
    /// (<see cref="AmbiguousInput"/>) for both paths: the arguments are not scanned for duplicate keys a second and a third time.
    /// </summary>
    internal ValueTask<Result> InvokeCheckedAsync(FunctionInvocation invocation, CancellationToken cancellationToken) =>
        RunAsync<Result, BufferedCompletion>(invocation, inputChecked: true, cancellationToken);

    /// <summary>Runs the call the same way up to the app's final status and headers, and hands its body out as a stream.</summary>
    /// <param name="invocation">The call.</param>
    /// <param name="inputChecked">Whether <see cref="AmbiguousInput"/> has already passed the invocation.</param>
    /// <param name="cancellationToken">Cancels the call until the headers have arrived.</param>
    internal ValueTask<PassthroughStreamResult> StreamAsync(FunctionInvocation invocation, bool inputChecked, CancellationToken cancellationToken) =>
        RunAsync<PassthroughStreamResult, StreamedCompletion>(invocation, inputChecked, cancellationToken);

    /// <summary>
    /// The one path of every local passthrough: validate, resolve, credential, guard, send (retries, redirects), then
    /// <typeparamref name="TCompletion"/> turns the answer into <typeparamref name="TOut"/>. A struct per completion, so the
    /// JIT compiles each path on its own and the buffered one pays nothing for the streamed one.
    /// </summary>
    /// <remarks>Its state machine comes from a pool (the callers await it once): the happy path allocates no box for it.</remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TOut> RunAsync<TOut, TCompletion>(FunctionInvocation invocation, bool inputChecked, CancellationToken cancellationToken)
        where TCompletion : struct, ICompletion<TOut>
    {
        if (!inputChecked && AmbiguousInput.Check(invocation) is { } ambiguous)
        {
            return TCompletion.Rejected(Reject(invocation, ambiguous));
        }

        var app = PassthroughFunctionName.TryGetAppSpan(invocation.FunctionName, out var slug) ? Catalog.FindEntry(slug) : null;
        if (app is null)
        {
            return TCompletion.Rejected(Reject(invocation, Rejections.FunctionNotFound(invocation.FunctionName)));
        }

        var definition = app.Definition;
        var arguments = CheckArguments(invocation, inputChecked, out var argumentsRejection);
        if (arguments is null)
        {
            return TCompletion.Rejected(Reject(invocation, argumentsRejection!));
        }

        // One deadline bounds the whole call: the provider's lookup and refresh as well as every attempt and wait.
        // Read once here and kept by the deadline: the call's state machine, which every call in flight holds, keeps
        // neither copy.
        var started = _timeProvider.GetUtcNow();
        var stopwatch = _timeProvider.GetTimestamp();
        // A provider may wait on the token before it returns (a synchronous driver, sync-over-async): the timer runs from
        // the start. Only the in-memory provider, which answers at once without waiting, lets the call schedule it when
        // it first waits (the first attempt, a refresh): one timer change fewer.
        using var deadline = new CallDeadline(_options.Timeout, _timeProvider, _timers, started, stopwatch, cancellationToken, armWhenWaiting: _lookupAnswersAtOnce);
        OnwardRequest? prepared = null;
        Uri? target = null;
        try
        {
            var credentialRequest = new CredentialRequest { UserId = invocation.UserId, App = definition.Slug, ConnectedAccountId = invocation.ConnectedAccountId };
            var (credential, mustReconnect) = await LookUpAsync(credentialRequest, definition, deadline).ConfigureAwait(false);
            if (mustReconnect)
            {
                return TCompletion.Rejected(Reject(invocation, Rejections.Reconnect(definition.DisplayName, definition.Slug)));
            }

            if (credential is null)
            {
                return TCompletion.Rejected(Reject(invocation, Rejections.NoCredential(definition.DisplayName, definition.Slug, invocation.ConnectedAccountId)));
            }

            if (IsExpiring(credential))
            {
                (credential, _) = await RefreshAsync(credentialRequest, credential, definition, deadline).ConfigureAwait(false);
                if (credential is null)
                {
                    return TCompletion.Rejected(Reject(invocation, Rejections.Reconnect(definition.DisplayName, definition.Slug)));
                }
            }

            target = PassthroughTarget.Resolve(arguments.Url, app, credential, out var urlProblem);
            if (target is null)
            {
                return TCompletion.Rejected(Reject(invocation, Rejections.InvalidArguments(new Dictionary<string, string> { [PassthroughArguments.UrlName] = urlProblem! })));
            }

            prepared = Prepare(invocation, app, arguments, target, credential, out var rejection);
            if (prepared is null)
            {
                return TCompletion.Rejected(Reject(invocation, rejection!));
            }

            // OnwardSender.SendAsync's three steps, taken here: the wait for the app's headers is this state machine's, the
            // only one of the call that waits on the wire (the sender's finish completes at once for the usual answer).
            var firstHop = _sender.Begin(prepared, deadline, TCompletion.Streaming);
            await firstHop.Headers.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var (response, attempts, finalUri, credentialed) = await _sender.FinishAsync(firstHop).ConfigureAwait(false);
            if (response.StatusCode == 401 && credentialed)
            {
                // Until the 401 is handed back (released, or replaced by the retry's answer), a refresh that throws must
                // not strand its pooled buffer.
                var handedBack = false;
                try
                {
                    // The app refused the credential: refresh it once (single-flight) and try again only if it changed, and
                    // only to a target checked against the new credential itself.
                    var (refreshed, reconnect) = await RefreshAsync(credentialRequest, credential, definition, deadline).ConfigureAwait(false);
                    if (reconnect)
                    {
                        // The grant itself is gone (invalid_grant): the user must act, retrying cannot help.
                        handedBack = true;
                        response.Release();
                        return TCompletion.Rejected(Reject(invocation, Rejections.Reconnect(definition.DisplayName, definition.Slug)));
                    }

                    if (refreshed is not null && !refreshed.Equals(credential)
                        && PassthroughTarget.Resolve(arguments.Url, app, refreshed, out _) is { } refreshedTarget
                        && Prepare(invocation, app, arguments, refreshedTarget, refreshed, out _) is { } retry)
                    {
                        // The 401 is replaced by the new answer: its pooled buffer goes back now.
                        handedBack = true;
                        response.Dispose();
                        var (again, moreAttempts, againUri, againCredentialed) = await _sender.SendAsync(retry, deadline, TCompletion.Streaming).ConfigureAwait(false);
                        (response, attempts, finalUri, credentialed, prepared) = (again, attempts + moreAttempts, againUri, againCredentialed, retry);
                    }
                }
                catch (Exception) when (!handedBack)
                {
                    response.Release();
                    throw;
                }
            }

            var redactedUrl = credentialed ? RedactedUrl(prepared, finalUri) : UrlRedactor.Redact(finalUri);
            var outcome = new CallOutcome(invocation, definition, arguments.Method, redactedUrl, prepared.Credential.ConnectedAccountId ?? invocation.ConnectedAccountId, response, attempts, deadline.StartedAt, deadline.StartedTimestamp);
            if (TCompletion.Streaming)
            {
                // The body is read from the connection next, within the call's own deadline.
                deadline.Resume();
            }

            return await TCompletion.CompleteAsync(this, outcome, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (deadline.Expired && !cancellationToken.IsCancellationRequested)
        {
            var url = FailureUrl(prepared, target, arguments);
            PassthroughLog.Failed(_logger, invocation.FunctionName, arguments.Method.Method, url, "timed out");
            throw new IntegryException(
                $"{definition.DisplayName} did not answer {arguments.Method.Method} {url} within {_options.Timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s (PassthroughOptions.Timeout).",
                IntegryErrorKind.Timeout,
                isTransient: true,
                new TimeoutException(exception.Message, exception));
        }
        catch (ResponseTooLargeException exception)
        {
            var url = FailureUrl(prepared, target, arguments);
            PassthroughLog.Failed(_logger, invocation.FunctionName, arguments.Method.Method, url, exception.Message);
            throw new IntegryException($"{definition.DisplayName} answered {arguments.Method.Method} {url} with more than {_options.MaxResponseBytes} bytes (PassthroughOptions.MaxResponseBytes).", IntegryErrorKind.Protocol, isTransient: false, exception);
        }
        catch (HttpRequestException exception)
        {
            var url = FailureUrl(prepared, target, arguments);
            PassthroughLog.Failed(_logger, invocation.FunctionName, arguments.Method.Method, url, exception.Message);
            var (kind, transient) = IntegryException.Classify(exception);
            throw new IntegryException($"Could not complete {arguments.Method.Method} {url} to {definition.DisplayName}: {exception.Message}", kind, transient, exception);
        }
    }

    internal async IAsyncEnumerable<IntegryFunction> ListFunctionsAsync(string? userId, ListFunctionsOptions? filters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (filters?.ConnectedOnly == true && userId is null)
        {
            throw new InvalidOperationException("Listing only connected apps needs a user: set IntegryClientOptions.UserId, or call ForUser(userId).");
        }

        foreach (var app in Catalog.Apps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (filters?.App is { } wanted && !string.Equals(wanted, app.Slug, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var function = PassthroughFunctionSchema.For(app, filters?.IncludeMeta == true);
            if (filters?.Search is { } search && !Mentions(function, app, search))
            {
                continue;
            }

            if (filters?.ConnectedOnly == true)
            {
                var credential = await _credentialProvider.GetCredentialAsync(new CredentialRequest { UserId = userId!, App = app.Slug }, cancellationToken).ConfigureAwait(false);
                if (credential is null)
                {
                    continue;
                }
            }

            yield return function;
        }
    }

    internal IntegryFunction? GetFunction(string functionName, bool includeMeta) =>
        PassthroughFunctionName.TryGetApp(functionName, out var slug) && Catalog.TryGetApp(slug, out var app)
            ? PassthroughFunctionSchema.For(app, includeMeta)
            : null;

    /// <summary>
    /// The checks of the arguments before the credential, in this order (a dry run makes the same): <c>_variables</c>
    /// applied first (every later check sees the substituted URL), then the arguments parsed, then a typed request's
    /// headers and non-JSON body taken along, its body within <see cref="PassthroughOptions.MaxRequestBodyBytes"/>.
    /// </summary>
    /// <param name="invocation">The call.</param>
    /// <param name="inputChecked">Whether <see cref="AmbiguousInput"/> has already passed the arguments: unchanged by
    /// <c>_variables</c>, they are not searched for duplicate keys again.</param>
    /// <param name="rejection">The rejection the call gets, when the arguments are refused.</param>
    /// <returns>The checked request, or <see langword="null"/> with <paramref name="rejection"/>.</returns>
    private PassthroughRequest? CheckArguments(FunctionInvocation invocation, bool inputChecked, out Result.Rejected? rejection)
    {
        var substituted = VariableSubstitution.ApplyToPassthrough(invocation.Arguments, invocation.Variables, out var variableErrors, out var unchanged);
        if (substituted is null)
        {
            rejection = Rejections.InvalidArguments(variableErrors!);
            return null;
        }

        var arguments = PassthroughArguments.Parse(substituted.Value, _options, out var argumentErrors, duplicatesChecked: inputChecked && unchanged);
        if (arguments is null)
        {
            rejection = Rejections.InvalidArguments(argumentErrors!);
            return null;
        }

        if (invocation.Request is { } typed)
        {
            // A typed request: the JSON arguments were checked above; its headers and non-JSON body ride along.
            arguments = typed.OnChecked(arguments.Method, arguments.Url);
            if (arguments.Body is { } typedBody && typedBody.Length > _options.MaxRequestBodyBytes)
            {
                rejection = Rejections.InvalidArguments(new Dictionary<string, string> { [PassthroughArguments.BodyName] = $"Must be at most {_options.MaxRequestBodyBytes} bytes (PassthroughOptions.MaxRequestBodyBytes)." });
                return null;
            }
        }

        rejection = null;
        return arguments;
    }

    private static OnwardRequest? Prepare(FunctionInvocation invocation, CatalogEntry app, PassthroughRequest arguments, Uri target, Credential credential, out Result.Rejected? rejection)
    {
        var parts = CredentialPartsCache.PartsFor(app.Definition, credential, out var credentialProblem);
        if (parts is null)
        {
            // The reason (credential kind not accepted, or a malformed credential to reconnect) is read from the text.
            rejection = Rejections.InvalidInputDetail(credentialProblem!);
            return null;
        }

        if (CredentialInjector.FindClash(target, parts) is { } clash)
        {
            rejection = Rejections.InvalidArguments(new Dictionary<string, string>
            {
                [PassthroughArguments.UrlName] = $"Must not carry the '{clash}' query parameter: the SDK adds the user's credential there.",
            });
            return null;
        }

        if (PassthroughHeaders.FindCredentialClash(arguments.Headers, app.Definition, parts) is { } headerClash)
        {
            rejection = Rejections.InvalidArguments(new Dictionary<string, string> { ["headers"] = headerClash });
            return null;
        }

        var body = CredentialInjector.AddBodyFields(app.Definition, parts, arguments.Body, out var bodyProblem);
        if (bodyProblem is not null)
        {
            rejection = Rejections.InvalidArguments(new Dictionary<string, string> { [PassthroughArguments.BodyName] = bodyProblem });
            return null;
        }

        rejection = null;
        return new OnwardRequest
        {
            App = app,
            FunctionName = invocation.FunctionName,
            Method = arguments.Method,
            Target = target,
            Body = body,
            ContentType = arguments.Body?.ContentType ?? (body is null ? null : "application/json; charset=utf-8"),
            Headers = arguments.Headers,
            Credential = credential,
            CredentialParts = parts,
            IdempotencyKey = app.Definition.IdempotencyHeader is null ? null : Guid.NewGuid().ToString("N"),
        };
    }

    /// <summary>Reads the whole answer into <see cref="Result.Executed"/> (its pooled buffer goes back once the output is cloned), then records the call.</summary>
    /// <remarks>Not async: the body is already read, and a call log that records at once (the in-memory one) needs no state machine.</remarks>
    private ValueTask<Result> CompleteBuffered(CallOutcome outcome)
    {
        var response = outcome.Response;
        var elapsed = _timeProvider.GetElapsedTime(outcome.Stopwatch);
        JsonElement output;
        try
        {
            output = ResponseReader.ToOutput(response.Body, response.ContentType);
        }
        finally
        {
            response.Release();
        }

        var result = new Result.Executed(response.StatusCode, output)
        {
            ContentType = response.ContentType?.ToString(),
            Headers = response.Headers,
            RateLimit = RateLimitReader.Read(response, outcome.App.RateLimit, _timeProvider),
            Attempts = outcome.Attempts,
        };

        var recording = RecordAsync(outcome, elapsed);
        return recording.IsCompletedSuccessfully ? new(result) : ResultAfterAsync(recording, result);
    }

    private static async ValueTask<Result> ResultAfterAsync(ValueTask recording, Result result)
    {
        await recording.ConfigureAwait(false);
        return result;
    }

    /// <summary>Hands the answer's body out as a stream (the caller disposes it), then records the call: the app has answered.</summary>
    private async ValueTask<PassthroughStreamResult> CompleteStreamedAsync(CallOutcome outcome, CancellationToken cancellationToken)
    {
        var response = outcome.Response;
        var elapsed = _timeProvider.GetElapsedTime(outcome.Stopwatch);
        PassthroughStreamResult result;
        try
        {
            var (content, owner) = await response.TakeStreamAsync(cancellationToken).ConfigureAwait(false);
            result = new PassthroughStreamResult(
                response.StatusCode,
                content,
                owner,
                response.Headers,
                response.ContentType?.ToString(),
                ReferenceEquals(owner, response) ? response.Body.Length : response.ContentLength,
                RateLimitReader.Read(response, outcome.App.RateLimit, _timeProvider),
                outcome.Attempts);
        }
        catch
        {
            // The app has answered even when its body cannot be handed out: the call is recorded all the same.
            response.Release();
            await RecordAsync(outcome, elapsed).ConfigureAwait(false);
            throw;
        }

        await RecordAsync(outcome, elapsed).ConfigureAwait(false);
        return result;
    }

    /// <summary>Logs the executed call and writes its call-log record.</summary>
    /// <remarks>Not async: a log that records at once (the in-memory one) costs no state machine; one that is still writing is awaited.</remarks>
    private ValueTask RecordAsync(CallOutcome outcome, TimeSpan elapsed)
    {
        var invocation = outcome.Invocation;
        PassthroughLog.Executed(_logger, invocation.FunctionName, outcome.Method.Method, outcome.RedactedUrl, outcome.Response.StatusCode, (long)elapsed.TotalMilliseconds);
        ValueTask recording;
        try
        {
            // The onward call has happened: neither the caller's cancellation nor a failing sink may turn it into an
            // exception, or the caller would retry a request that was already executed.
            recording = CallLog.RecordAsync(
            new FunctionCallRecord
            {
                Timestamp = outcome.Started,
                Duration = elapsed,
                UserId = invocation.UserId,
                FunctionName = invocation.FunctionName,
                App = outcome.App.Slug,
                ConnectedAccountId = outcome.ConnectedAccountId,
                Method = outcome.Method.Method,
                Url = outcome.RedactedUrl,
                NetworkCode = outcome.Response.StatusCode,
            },
            CancellationToken.None);
            if (recording.IsCompletedSuccessfully)
            {
                // Ended: its source (if pooled) is given back.
                recording.GetAwaiter().GetResult();
                return default;
            }
        }
        catch (Exception exception)
        {
            PassthroughLog.CallLogFailed(_logger, invocation.FunctionName, exception.GetType().Name);
            return default;
        }

        return AwaitRecordingAsync(recording, invocation.FunctionName);
    }

    /// <summary>Waits for a call log that is still writing; its failure is logged, never thrown (the call has happened).</summary>
    private async ValueTask AwaitRecordingAsync(ValueTask recording, string functionName)
    {
        try
        {
            await recording.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            PassthroughLog.CallLogFailed(_logger, functionName, exception.GetType().Name);
        }
    }

    /// <summary>
    /// Asks the provider for the credential within the call's deadline, even if the provider ignores the token, with its
    /// faults wrapped the same way as a refresh's: the caller sees an <see cref="IntegryException"/>, never the store's own exception.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<CredentialOutcome> LookUpAsync(CredentialRequest request, AppDefinition app, CallDeadline deadline)
    {
        Task<Credential?>? pending = null;
        try
        {
            var lookup = _credentialProvider.GetCredentialAsync(request, deadline.Token);
            if (lookup.IsCompletedSuccessfully)
            {
                return new(lookup.Result, false);
            }

            // The provider is still looking: from here the call waits, within its deadline.
            deadline.Resume();
            pending = lookup.AsTask();
            return new(await pending.WaitAsync(deadline.Token).ConfigureAwait(false), false);
        }
        catch (ReconnectRequiredException)
        {
            return new(null, true);
        }
        catch (OperationCanceledException exception) when (deadline.Expired)
        {
            // A provider that knows why it ran out of time (a busy database) says so in its own cancellation.
            var cause = exception;
            if (pending is { IsCanceled: true })
            {
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (OperationCanceledException own)
                {
                    cause = own;
                }
            }

            var why = cause.InnerException is null ? "." : ": " + cause.Message;
            throw new IntegryException($"The credential provider did not return the user's {app.DisplayName} credential within {Seconds(_options.Timeout)} s (PassthroughOptions.Timeout){why}", IntegryErrorKind.CredentialProvider, isTransient: true, exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw ProviderFailed("look up", app, exception);
        }
    }

    /// <summary>
    /// Refreshes through the single-flight refresher, within the call's deadline, with the provider's faults wrapped.
    /// A <see langword="null"/> credential or a <see cref="ReconnectRequiredException"/> means the user must reconnect.
    /// </summary>
    private async ValueTask<CredentialOutcome> RefreshAsync(CredentialRequest request, Credential stale, AppDefinition app, CallDeadline deadline)
    {
        deadline.Resume();
        try
        {
            return new(await _refresher.RefreshAsync(request, stale, deadline.Token).ConfigureAwait(false), false);
        }
        catch (ReconnectRequiredException)
        {
            return new(null, true);
        }
        catch (OperationCanceledException exception) when (deadline.Expired)
        {
            var why = exception.InnerException is null ? "." : ": " + exception.Message;
            throw new IntegryException($"Refreshing the user's {app.DisplayName} credential did not finish within {Seconds(_options.Timeout)} s (PassthroughOptions.Timeout){why}", IntegryErrorKind.CredentialProvider, isTransient: true, exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw ProviderFailed("refresh", app, exception);
        }
    }

    /// <summary>
    /// Wraps a provider's fault. Only the type of a foreign exception is named (its message may quote a connection string
    /// or a token); an <see cref="IntegryException"/> (such as the OAuth2 refresher's) is ours and keeps its message.
    /// </summary>
    private static IntegryException ProviderFailed(string operation, AppDefinition app, Exception exception)
    {
        var what = exception is IntegryException integry ? integry.Message : exception.GetType().Name + ".";
        var transient = exception is IntegryException { IsTransient: true } or HttpRequestException or TimeoutException or IOException
            or System.Data.Common.DbException { IsTransient: true };
        return new IntegryException($"The credential provider failed to {operation} the user's {app.DisplayName} credential: {what}", IntegryErrorKind.CredentialProvider, transient, exception);
    }

    private static string Seconds(TimeSpan timeout) => timeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string FailureUrl(OnwardRequest? request, Uri? target, PassthroughRequest arguments) =>
        request is not null && target is not null ? RedactedUrl(request, target) : target is not null ? UrlRedactor.Redact(target) : "(" + arguments.Url.Split('?')[0] + ")";

    private static string RedactedUrl(OnwardRequest request, Uri target) =>
        request.Echo.Scrub(UrlRedactor.Redact(CredentialInjector.AppendQuery(target, request.CredentialParts), request.CredentialParts.QueryNames));

    private bool IsExpiring(Credential credential) =>
        // Compared as a span from now: subtracting a skew of any size from the expiry could fall off the calendar.
        credential is Credential.BearerToken { ExpiresAt: { } expiresAt } && (_timeProvider.GetUtcNow() is var now && (expiresAt <= now || expiresAt - now <= _options.TokenRefreshSkew));

    private Result.Rejected Reject(FunctionInvocation invocation, Result.Rejected rejection)
    {
        PassthroughLog.Rejected(_logger, invocation.FunctionName, rejection.ErrorDetails);
        return rejection;
    }

    private static bool Mentions(IntegryFunction function, AppDefinition app, string search) =>
        function.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
        || app.DisplayName.Contains(search, StringComparison.OrdinalIgnoreCase)
        || (function.Description?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>What the provider answered: a credential (or none), or that the user must reconnect.</summary>
    private readonly record struct CredentialOutcome(Credential? Credential, bool ReconnectRequired);

    /// <summary>What the app answered a call, with what the completion needs to turn it into the caller's result and the call-log record.</summary>
    private readonly record struct CallOutcome(
        FunctionInvocation Invocation,
        AppDefinition App,
        HttpMethod Method,
        string RedactedUrl,
        string? ConnectedAccountId,
        OnwardResponse Response,
        int Attempts,
        DateTimeOffset Started,
        long Stopwatch);

    /// <summary>How a call's path ends: as a rejection, or with the app's answer.</summary>
    /// <typeparam name="TOut">What the caller gets.</typeparam>
    private interface ICompletion<TOut>
    {
        /// <summary>Gets a value indicating whether the final answer keeps its body on the connection.</summary>
        static abstract bool Streaming { get; }

        static abstract TOut Rejected(Result.Rejected rejection);

        static abstract ValueTask<TOut> CompleteAsync(PassthroughExecutor executor, CallOutcome outcome, CancellationToken cancellationToken);
    }

    /// <summary>The answer read whole into a <see cref="Result"/>.</summary>
    private readonly struct BufferedCompletion : ICompletion<Result>
    {
        public static bool Streaming => false;

        public static Result Rejected(Result.Rejected rejection) => rejection;

        public static ValueTask<Result> CompleteAsync(PassthroughExecutor executor, CallOutcome outcome, CancellationToken cancellationToken) =>
            executor.CompleteBuffered(outcome);
    }

    /// <summary>The answer's body handed out as a stream.</summary>
    private readonly struct StreamedCompletion : ICompletion<PassthroughStreamResult>
    {
        public static bool Streaming => true;

        public static PassthroughStreamResult Rejected(Result.Rejected rejection) => PassthroughStreamResult.FromRejection(rejection);

        public static ValueTask<PassthroughStreamResult> CompleteAsync(PassthroughExecutor executor, CallOutcome outcome, CancellationToken cancellationToken) =>
            executor.CompleteStreamedAsync(outcome, cancellationToken);
    }
}
