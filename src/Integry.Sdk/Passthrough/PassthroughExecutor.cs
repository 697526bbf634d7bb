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
    private static readonly Lazy<HttpClient> SharedHttpClient = new(() => new HttpClient(CreatePrimaryHandler()) { Timeout = System.Threading.Timeout.InfiniteTimeSpan });

    private readonly ICredentialProvider _credentialProvider;
    private readonly PassthroughOptions _options;
    private readonly Func<HttpClient> _httpClientSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly OnwardSender _sender;
    private readonly CredentialRefresher _refresher;

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
        Func<HttpClient> httpClientSource,
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
        _options = options.Clone();
        Catalog = _options.BuildCatalog();
        _httpClientSource = httpClientSource;
        CallLog = callLog;
        _timeProvider = timeProvider;
        _logger = logger;
        _sender = new OnwardSender(httpClientSource, _options, timeProvider, logger);
        _refresher = new CredentialRefresher(credentialProvider, _options.Timeout, timeProvider);
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

    internal static Func<HttpClient> HttpClientFor(HttpMessageHandler? handler, bool allowUnguarded)
    {
        if (handler is null)
        {
            return static () => SharedHttpClient.Value;
        }

        var client = new HttpClient(PassthroughHandlerPolicy.Harden(handler, allowUnguarded), disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        return () => client;
    }

    internal async Task<Result> InvokeAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        if (AmbiguousInput.Check(invocation) is { } ambiguous)
        {
            return Reject(invocation, ambiguous);
        }

        PassthroughFunctionName.TryGetApp(invocation.FunctionName, out var slug);
        var app = slug is null ? null : Catalog.FindEntry(slug);
        if (app is null)
        {
            return Reject(invocation, Rejections.FunctionNotFound(invocation.FunctionName));
        }

        var definition = app.Definition;
        // _variables first, so every check of the arguments (the URL's above all) sees the substituted values.
        var substituted = VariableSubstitution.ApplyToPassthrough(invocation.Arguments, invocation.Variables, out var variableErrors);
        if (substituted is null)
        {
            return Reject(invocation, Rejections.InvalidArguments(variableErrors!));
        }

        var arguments = PassthroughArguments.Parse(substituted.Value, _options, out var argumentErrors);
        if (arguments is null)
        {
            return Reject(invocation, Rejections.InvalidArguments(argumentErrors!));
        }

        if (invocation.Request is { } typed)
        {
            // A typed request: the JSON arguments were checked above; its headers and non-JSON body ride along.
            arguments = typed.OnChecked(arguments.Method, arguments.Url);
            if (arguments.Body is { } typedBody && typedBody.Length > _options.MaxRequestBodyBytes)
            {
                return Reject(invocation, Rejections.InvalidArguments(new Dictionary<string, string> { [PassthroughArguments.BodyName] = $"Must be at most {_options.MaxRequestBodyBytes} bytes (PassthroughOptions.MaxRequestBodyBytes)." }));
            }
        }

        // One deadline bounds the whole call: the provider's lookup and refresh as well as every attempt and wait.
        var started = _timeProvider.GetUtcNow();
        var stopwatch = _timeProvider.GetTimestamp();
        using var deadline = new CallDeadline(_options.Timeout, _timeProvider, cancellationToken);
        OnwardRequest? prepared = null;
        Uri? target = null;
        try
        {
            var credentialRequest = new CredentialRequest { UserId = invocation.UserId, App = definition.Slug, ConnectedAccountId = invocation.ConnectedAccountId };
            var (credential, mustReconnect) = await LookUpAsync(credentialRequest, definition, deadline).ConfigureAwait(false);
            if (mustReconnect)
            {
                return Reject(invocation, Rejections.Reconnect(definition.DisplayName, definition.Slug));
            }

            if (credential is null)
            {
                return Reject(invocation, invocation.ConnectedAccountId is { } account
                    ? Rejections.AccountNotFound(definition.DisplayName, definition.Slug, account)
                    : Rejections.NotConnected(definition.DisplayName, definition.Slug));
            }

            if (IsExpiring(credential))
            {
                (credential, _) = await RefreshAsync(credentialRequest, credential, definition, deadline).ConfigureAwait(false);
                if (credential is null)
                {
                    return Reject(invocation, Rejections.Reconnect(definition.DisplayName, definition.Slug));
                }
            }

            target = PassthroughTarget.Resolve(arguments.Url, app, credential, out var urlProblem);
            if (target is null)
            {
                return Reject(invocation, Rejections.InvalidArguments(new Dictionary<string, string> { [PassthroughArguments.UrlName] = urlProblem! }));
            }

            prepared = Prepare(invocation, app, arguments, target, credential, out var rejection);
            if (prepared is null)
            {
                return Reject(invocation, rejection!);
            }

            var (response, attempts, finalUri, credentialed) = await _sender.SendAsync(prepared, deadline).ConfigureAwait(false);
            if (response.StatusCode == 401 && credentialed)
            {
                // The app refused the credential: refresh it once (single-flight) and try again only if it changed, and
                // only to a target checked against the new credential itself.
                var (refreshed, reconnect) = await RefreshAsync(credentialRequest, credential, definition, deadline).ConfigureAwait(false);
                if (reconnect)
                {
                    // The grant itself is gone (invalid_grant): the user must act, retrying cannot help.
                    response.Release();
                    return Reject(invocation, Rejections.Reconnect(definition.DisplayName, definition.Slug));
                }

                if (refreshed is not null && !refreshed.Equals(credential)
                    && PassthroughTarget.Resolve(arguments.Url, app, refreshed, out _) is { } refreshedTarget
                    && Prepare(invocation, app, arguments, refreshedTarget, refreshed, out _) is { } retry)
                {
                    // The 401 is replaced by the new answer: its pooled buffer goes back now.
                    response.Dispose();
                    var (again, moreAttempts, againUri, againCredentialed) = await _sender.SendAsync(retry, deadline).ConfigureAwait(false);
                    (response, attempts, finalUri, credentialed, prepared) = (again, attempts + moreAttempts, againUri, againCredentialed, retry);
                }
            }

            var redactedUrl = credentialed ? RedactedUrl(prepared, finalUri) : UrlRedactor.Redact(finalUri);
            return await CompleteAsync(invocation, definition, arguments.Method, redactedUrl, prepared.Credential.ConnectedAccountId ?? invocation.ConnectedAccountId, response, attempts, started, stopwatch).ConfigureAwait(false);
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

    private static OnwardRequest? Prepare(FunctionInvocation invocation, CatalogEntry app, PassthroughRequest arguments, Uri target, Credential credential, out Result.Rejected? rejection)
    {
        var parts = CredentialInjector.Prepare(app.Definition, credential, out var credentialProblem);
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

    private async Task<Result> CompleteAsync(
        FunctionInvocation invocation,
        AppDefinition app,
        HttpMethod method,
        string redactedUrl,
        string? connectedAccountId,
        OnwardResponse response,
        int attempts,
        DateTimeOffset started,
        long stopwatch)
    {
        var elapsed = _timeProvider.GetElapsedTime(stopwatch);
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
            RateLimit = RateLimitReader.Read(response, app.RateLimit, _timeProvider.GetUtcNow()),
            Attempts = attempts,
        };

        PassthroughLog.Executed(_logger, invocation.FunctionName, method.Method, redactedUrl, response.StatusCode, (long)elapsed.TotalMilliseconds);
        try
        {
            // The onward call has happened: neither the caller's cancellation nor a failing sink may turn it into an
            // exception, or the caller would retry a request that was already executed.
            await CallLog.RecordAsync(
            new FunctionCallRecord
            {
                Timestamp = started,
                Duration = elapsed,
                UserId = invocation.UserId,
                FunctionName = invocation.FunctionName,
                App = app.Slug,
                ConnectedAccountId = connectedAccountId,
                Method = method.Method,
                Url = redactedUrl,
                NetworkCode = response.StatusCode,
            },
            CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            PassthroughLog.CallLogFailed(_logger, invocation.FunctionName, exception.GetType().Name);
        }

        return result;
    }

    /// <summary>
    /// Asks the provider for the credential within the call's deadline, even if the provider ignores the token, with its
    /// faults wrapped the same way as a refresh's: the caller sees an <see cref="IntegryException"/>, never the store's own exception.
    /// </summary>
    private async Task<CredentialOutcome> LookUpAsync(CredentialRequest request, AppDefinition app, CallDeadline deadline)
    {
        Task<Credential?>? pending = null;
        try
        {
            var lookup = _credentialProvider.GetCredentialAsync(request, deadline.Token);
            if (lookup.IsCompletedSuccessfully)
            {
                return new(lookup.Result, false);
            }

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
    private async Task<CredentialOutcome> RefreshAsync(CredentialRequest request, Credential stale, AppDefinition app, CallDeadline deadline)
    {
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
        credential is Credential.BearerToken { ExpiresAt: { } expiresAt } && expiresAt - _options.TokenRefreshSkew <= _timeProvider.GetUtcNow();

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
}
