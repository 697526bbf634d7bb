using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Integry.Sdk.Diagnostics;
using Integry.Sdk.Remote;
using Integry.Sdk.Serialization;

namespace Integry.Sdk;

/// <summary>
/// Calls Integry functions for one end user. Thread-safe: build one and keep it (or let <c>AddIntegry</c> do so);
/// <see cref="ForUser"/> gives a cheap client for another user that shares everything else.
/// </summary>
/// <remarks>
/// Passthrough functions (<c>&lt;app&gt;-passthrough-request</c>) run in this process when a
/// <see cref="PassthroughExecutor"/> is configured; every other function runs at Integry. Methods are virtual so
/// tests can mock the client.
/// </remarks>
public partial class IntegryClient
{
    private static readonly Lazy<HttpClient> SharedHttpClient = new(CreateSharedHttpClient);

    private readonly ClientCore _core = null!;
    private readonly string? _userId;
    private readonly RequestSignature? _signature;

    /// <summary>Creates a client that calls Integry's API for one user.</summary>
    /// <param name="appKey">Your Integry app key.</param>
    /// <param name="appSecret">Your Integry app secret.</param>
    /// <param name="userId">The end user's id in your product.</param>
    public IntegryClient(string appKey, string appSecret, string userId)
        : this(new IntegryClientOptions { AppKey = appKey, AppSecret = appSecret, UserId = userId })
    {
    }

    /// <summary>Creates a client from options.</summary>
    /// <param name="options">The settings, including the transport (<see cref="IntegryClientOptions.HttpClient"/>) and the local
    /// executor (<see cref="IntegryClientOptions.PassthroughExecutor"/>); they are validated and copied.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message names each problem.</exception>
    public IntegryClient(IntegryClientOptions options)
    {
        var frozen = ClientCore.Freeze(options, options?.PassthroughExecutor is not null);
        var source = frozen.HttpClient is { } httpClient ? () => httpClient : (Func<HttpClient>)(static () => SharedHttpClient.Value);
        _core = new ClientCore(frozen, source, frozen.PassthroughExecutor, TimeProvider.System);
        _userId = frozen.UserId;
        _signature = _userId is null ? null : _core.Remote?.Sign(_userId);
    }

    /// <summary>Creates a client for mocking in tests: override the methods you use. <see cref="ForUser"/> returns this same client.</summary>
    protected IntegryClient()
    {
    }

    internal IntegryClient(ClientCore core, string? userId)
    {
        _core = core;
        _userId = userId;
        _signature = userId is null ? null : core.Remote?.Sign(userId);
    }

    /// <summary>Gets the end user this client acts for, or <see langword="null"/> when none was set.</summary>
    public virtual string? UserId => _userId;

    /// <summary>Gets a client that acts for another end user and shares everything else with this one.</summary>
    /// <param name="userId">The end user's id in your product.</param>
    /// <returns>The client for that user.</returns>
    /// <exception cref="ArgumentException"><paramref name="userId"/> is empty or white space.</exception>
    public virtual IntegryClient ForUser(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);

        // A mock built with the protected constructor has no core: it stands for every user.
        return _core is null ? this : new IntegryClient(_core, userId) { _policies = _policies };
    }

    /// <summary>Runs a function with its arguments for one connected account and returns what happened.</summary>
    /// <param name="functionName">The function, such as <c>slack-post-message</c> or <c>slack-passthrough-request</c>.</param>
    /// <param name="arguments">The arguments: a <see cref="JsonObject"/>, a <see cref="JsonElement"/>, or
    /// <see cref="FunctionArguments.From{T}(T, JsonTypeInfo{T})"/>.</param>
    /// <param name="connectedAccountId">The connected account to use when the user has several for the app; <see langword="null"/> for the only one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="Result.Executed"/> when the function ran (whatever the onward status), <see cref="Result.Rejected"/> when it did not.</returns>
    /// <exception cref="ArgumentException">The name or the arguments are not valid; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The client has no user: call <see cref="ForUser"/>.</exception>
    /// <exception cref="IntegryException">The call could not be completed (network, timeout, authentication).</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Deliberate: the short form of the options overload, for the common call InvokeFunctionAsync(name, arguments, connectedAccountId); both end with the optional CancellationToken the house rules require.")]
    public virtual Task<Result> InvokeFunctionAsync(string functionName, FunctionArguments arguments, string? connectedAccountId, CancellationToken cancellationToken = default) =>
        InvokeFunctionAsync(functionName, arguments, connectedAccountId is null ? null : new InvokeFunctionOptions { ConnectedAccountId = connectedAccountId }, cancellationToken);

    /// <summary>Runs a function with its arguments and every call option (connected account, <c>_variables</c>, version) and returns what happened.</summary>
    /// <param name="functionName">The function, such as <c>slack-post-message</c> or <c>slack-passthrough-request</c>.</param>
    /// <param name="arguments">The arguments: a <see cref="JsonObject"/>, a <see cref="JsonElement"/>, or
    /// <see cref="FunctionArguments.From{T}(T, JsonTypeInfo{T})"/>.</param>
    /// <param name="options">The call's options; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="Result.Executed"/> when the function ran (whatever the onward status), <see cref="Result.Rejected"/> when it did not.</returns>
    /// <exception cref="ArgumentException">The name, the arguments or the options are not valid; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The client has no user: call <see cref="ForUser"/>.</exception>
    /// <exception cref="IntegryException">The call could not be completed (network, timeout, authentication).</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Deliberate: the one options bag of the call; the connectedAccountId overload is its short form.")]
    public virtual Task<Result> InvokeFunctionAsync(string functionName, FunctionArguments arguments, InvokeFunctionOptions? options = null, CancellationToken cancellationToken = default)
    {
        // Arguments are checked before the first await, so a bad call throws at once and sends nothing.
        return InvokeCoreAsync(CreateInvocation(functionName, arguments, options), cancellationToken);
    }

    /// <summary>Sends a request to an app's API with the user's credentials of one connected account, through <c>&lt;app&gt;-passthrough-request</c>.</summary>
    /// <param name="app">The app's slug, such as <c>slack</c>.</param>
    /// <param name="request">The method, URL and body of the request to the app.</param>
    /// <param name="connectedAccountId">The connected account to use when the user has several for the app; <see langword="null"/> for the only one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="Result.Executed"/> with the app's status and body, or <see cref="Result.Rejected"/>.</returns>
    /// <exception cref="ArgumentException">The app or the request is not valid; nothing was sent.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Deliberate: the short form of the options overload, as for InvokeFunctionAsync.")]
    public virtual Task<Result> PassthroughAsync(string app, PassthroughRequest request, string? connectedAccountId, CancellationToken cancellationToken = default) =>
        PassthroughAsync(app, request, connectedAccountId is null ? null : new InvokeFunctionOptions { ConnectedAccountId = connectedAccountId }, cancellationToken);

    /// <summary>Sends a request to an app's API with the user's credentials, through <c>&lt;app&gt;-passthrough-request</c>, with every call option.</summary>
    /// <param name="app">The app's slug, such as <c>slack</c>.</param>
    /// <param name="request">The method, URL and body of the request to the app.</param>
    /// <param name="options">The call's options; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="Result.Executed"/> with the app's status and body, or <see cref="Result.Rejected"/>.</returns>
    /// <exception cref="ArgumentException">The app, the request or the options are not valid; nothing was sent.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Deliberate: the one options bag of the call; the connectedAccountId overload is its short form.")]
    public virtual Task<Result> PassthroughAsync(string app, PassthroughRequest request, InvokeFunctionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidateAppName(app);
        ArgumentNullException.ThrowIfNull(request);
        return InvokeFunctionAsync(PassthroughFunctionName.For(app), request.ToArguments(), options, cancellationToken);
    }

    /// <summary>
    /// Sends a request to an app's API with the user's credentials, like <see cref="PassthroughAsync(string, PassthroughRequest, InvokeFunctionOptions?, CancellationToken)"/>,
    /// and hands back the app's status, headers and body as a <see cref="Stream"/> read from the connection: for downloads,
    /// and for bodies larger than <see cref="PassthroughOptions.MaxResponseBytes"/>.
    /// </summary>
    /// <remarks>
    /// The same policy, guard, credential handling, redirects and retries apply as for <c>PassthroughAsync</c>, up to the
    /// moment the app's final status and headers arrive; the call is recorded in the call log then. Only the local
    /// executor can stream: a client without one returns a rejection (<see cref="RejectionReason.NoExecutor"/>), since
    /// Integry's API returns the body inside its JSON answer. Dispose the result to release the connection.
    /// </remarks>
    /// <param name="app">The app's slug, such as <c>googledrive</c>.</param>
    /// <param name="request">The method, URL, headers and body of the request to the app.</param>
    /// <param name="options">The call's options; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the call until the app's status and headers have arrived.</param>
    /// <returns>The streamed answer, or a rejection (<see cref="PassthroughStreamResult.IsRejected"/>).</returns>
    /// <exception cref="ArgumentException">The app, the request or the options are not valid; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The client has no user: call <see cref="ForUser"/>.</exception>
    /// <exception cref="IntegryException">The call could not be completed (network, timeout, a redirect refused by the guard).</exception>
    public virtual Task<PassthroughStreamResult> PassthroughStreamAsync(string app, PassthroughRequest request, InvokeFunctionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidateAppName(app);
        ArgumentNullException.ThrowIfNull(request);
        return StreamCoreAsync(CreateInvocation(PassthroughFunctionName.For(app), request.ToArguments(), options), cancellationToken);
    }

    private async Task<PassthroughStreamResult> StreamCoreAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        if (DenyByPolicy(invocation) is { } denied)
        {
            return PassthroughStreamResult.FromRejection(denied);
        }

        var started = Stopwatch.GetTimestamp();
        using var activity = IntegryTelemetry.StartCall(invocation.FunctionName, invocation.ConnectedAccountId);
        try
        {
            var result = AmbiguousInput.Check(invocation) is { } ambiguous
                ? PassthroughStreamResult.FromRejection(ambiguous)
                : _core.Passthrough is { } local
                    ? await local.StreamAsync(invocation, inputChecked: true, cancellationToken).ConfigureAwait(false)
                    : PassthroughStreamResult.FromRejection(_core.Remote is null ? Rejections.NoExecutor(invocation.FunctionName) : StreamingNeedsLocalExecutor(invocation.FunctionName));
            IntegryTelemetry.EndStreamedCall(activity, invocation.FunctionName, result, started);
            return result;
        }
        catch (Exception exception)
        {
            IntegryTelemetry.FailCall(activity, invocation.FunctionName, exception, started);
            throw;
        }
    }

    /// <summary>Integry's API answers a passthrough with the body inside its JSON: there is nothing to stream, so nothing is sent.</summary>
    private static Result.Rejected StreamingNeedsLocalExecutor(string functionName) =>
        new(Rejections.NoExecutorError, [$"'{functionName}' cannot stream its response through Integry's API, which returns the body inside its JSON answer. Configure the local executor (IntegryClientOptions.PassthroughExecutor), or call PassthroughAsync."])
        {
            Reason = RejectionReason.NoExecutor,
        };

    private Task<Result> InvokeCoreAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        if (!IntegryTelemetry.CallsObserved && _core.Passthrough is { } local && PassthroughFunctionName.IsPassthrough(invocation.FunctionName))
        {
            // A local passthrough that no listener observes: the executor's pooled ValueTask goes out as the caller's Task,
            // without a state machine of this method on every call. The same checks, in the same order, as below.
            if ((DenyByPolicy(invocation) ?? AmbiguousInput.Check(invocation)) is { } refused)
            {
                return Task.FromResult<Result>(refused);
            }

            var pending = local.InvokeCheckedAsync(invocation, cancellationToken);
            return pending.IsCompletedSuccessfully ? Task.FromResult(pending.Result) : pending.AsTask();
        }

        return InvokeObservedAsync(invocation, cancellationToken);
    }

    private async Task<Result> InvokeObservedAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        if (DenyByPolicy(invocation) is { } denied)
        {
            return denied;
        }

        var isPassthrough = PassthroughFunctionName.IsPassthrough(invocation.FunctionName);
        var started = Stopwatch.GetTimestamp();
        using var activity = IntegryTelemetry.StartCall(invocation.FunctionName, invocation.ConnectedAccountId);
        try
        {
            var result = AmbiguousInput.Check(invocation) ?? (_core.Passthrough is { } local && isPassthrough
                ? await local.InvokeCheckedAsync(invocation, cancellationToken).ConfigureAwait(false)
                : _core.Remote is { } remote
                    ? invocation.Request?.RemoteProblems() is { } problems
                        ? Rejections.InvalidArguments(problems)
                        : await remote.InvokeAsync(invocation, _signature!, cancellationToken).ConfigureAwait(false)
                    : Rejections.NoExecutor(invocation.FunctionName));
            IntegryTelemetry.EndCall(activity, invocation.FunctionName, result, started);
            return result;
        }
        catch (Exception exception)
        {
            IntegryTelemetry.FailCall(activity, invocation.FunctionName, exception, started);
            throw;
        }
    }

    private FunctionInvocation CreateInvocation(string functionName, FunctionArguments functionArguments, InvokeFunctionOptions? options)
    {
        FunctionNames.Validate(functionName);
        var arguments = functionArguments.ToJsonElement();
        if (arguments.ValueKind == JsonValueKind.Undefined || arguments.ValueKind == JsonValueKind.Null)
        {
            arguments = EmptyArguments;
        }
        else if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The arguments must be a JSON object, not {arguments.ValueKind}.", nameof(functionArguments));
        }

        if (options?.ConnectedAccountId is { } account && string.IsNullOrWhiteSpace(account))
        {
            throw new ArgumentException("The connected account id is empty: pass null to use the user's only account for the app.", nameof(options));
        }

        JsonElement? variables = options?.Variables is { } node ? JsonSerializer.SerializeToElement(node, IntegryJsonContext.Default.JsonObject) : null;
        if (variables is not null && arguments.TryGetProperty(WireNames.Variables, out _))
        {
            throw new ArgumentException("Give _variables either inside the arguments or as InvokeFunctionOptions.Variables, not both.", nameof(options));
        }

        if (options?.Version is { } version && (string.IsNullOrWhiteSpace(version) || version.Any(c => c is < ' ' or > '~')))
        {
            throw new ArgumentException("InvokeFunctionOptions.Version must be printable ASCII text (it is sent as the Version header).", nameof(options));
        }

        var userId = _userId ?? throw new InvalidOperationException("This client has no user: set IntegryClientOptions.UserId, or call ForUser(userId) to get a client for the end user.");
        return new FunctionInvocation(userId, functionName, arguments, options?.ConnectedAccountId, variables, options?.Version, options?.AllowWorkspaceConnectedAccounts == true) { Request = functionArguments.Passthrough };
    }

    private RemoteExecutor RequireRemote() => _core.Remote
        ?? throw new InvalidOperationException("This call needs Integry's API: set IntegryClientOptions.AppKey and AppSecret.");

    private RequestSignature RequireSignature() => _signature
        ?? throw new InvalidOperationException("This client has no user: set IntegryClientOptions.UserId, or call ForUser(userId) to get a client for the end user.");

    private static readonly JsonElement EmptyArguments = JsonSerializer.SerializeToElement(new JsonObject(), IntegryJsonContext.Default.JsonObject);

    private static HttpClient CreateSharedHttpClient() => new(new SocketsHttpHandler
    {
        // Pooled connections are recycled so DNS changes are seen, as IHttpClientFactory would do.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        AutomaticDecompression = DecompressionMethods.All,
    })
    {
        // IntegryClientOptions.Timeout is applied per call, on the client's own clock.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
