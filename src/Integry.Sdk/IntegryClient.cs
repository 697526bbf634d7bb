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
    /// <param name="options">The settings; they are validated and copied.</param>
    /// <param name="httpClient">The <see cref="HttpClient"/> for calls to Integry; a shared, pooled one when <see langword="null"/>.</param>
    /// <param name="passthroughExecutor">Runs passthrough functions in this process; when <see langword="null"/> they run at Integry.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message names each problem.</exception>
    public IntegryClient(IntegryClientOptions options, HttpClient? httpClient = null, PassthroughExecutor? passthroughExecutor = null)
    {
        var frozen = ClientCore.Freeze(options, passthroughExecutor is not null);
        var source = httpClient is null ? static () => SharedHttpClient.Value : (Func<HttpClient>)(() => httpClient);
        _core = new ClientCore(frozen, source, passthroughExecutor, TimeProvider.System);
        _userId = frozen.UserId;
        _signature = _userId is null ? null : _core.Remote?.Sign(_userId);
    }

    /// <summary>Creates a client for mocking in tests.</summary>
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
        return new IntegryClient(_core, userId);
    }

    /// <summary>Runs a function with its arguments and returns what happened.</summary>
    /// <param name="functionName">The function, such as <c>slack-post-message</c> or <c>slack-passthrough-request</c>.</param>
    /// <param name="arguments">The arguments: a JSON object.</param>
    /// <param name="connectedAccountId">The connected account to use when the user has several for the app.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="Result.Executed"/> when the function ran (whatever the onward status), <see cref="Result.Rejected"/> when it did not.</returns>
    /// <exception cref="ArgumentException">The name or the arguments are not valid; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The client has no user: call <see cref="ForUser"/>.</exception>
    /// <exception cref="IntegryException">The call could not be completed (network, timeout, authentication).</exception>
    public virtual Task<Result> InvokeFunctionAsync(string functionName, JsonElement arguments, string? connectedAccountId = null, CancellationToken cancellationToken = default) =>
        InvokeFunctionAsync(functionName, arguments, new FunctionCallOptions { ConnectedAccountId = connectedAccountId }, cancellationToken);

    /// <summary>Runs a function with its arguments and returns what happened.</summary>
    /// <param name="functionName">The function, such as <c>slack-post-message</c>.</param>
    /// <param name="arguments">The arguments; <see langword="null"/> for none.</param>
    /// <param name="connectedAccountId">The connected account to use when the user has several for the app.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="Result.Executed"/> when the function ran, <see cref="Result.Rejected"/> when it did not.</returns>
    public virtual Task<Result> InvokeFunctionAsync(string functionName, JsonObject? arguments, string? connectedAccountId = null, CancellationToken cancellationToken = default) =>
        InvokeFunctionAsync(functionName, ToElement(arguments), connectedAccountId, cancellationToken);

    /// <summary>Runs a function with typed arguments, serialised through your source-generated JSON metadata.</summary>
    /// <typeparam name="TArguments">The type of the arguments; it must serialise to a JSON object.</typeparam>
    /// <param name="functionName">The function, such as <c>slack-post-message</c>.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="argumentsTypeInfo">The JSON metadata of <typeparamref name="TArguments"/>.</param>
    /// <param name="connectedAccountId">The connected account to use when the user has several for the app.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="Result.Executed"/> when the function ran, <see cref="Result.Rejected"/> when it did not.</returns>
    public virtual Task<Result> InvokeFunctionAsync<TArguments>(string functionName, TArguments arguments, JsonTypeInfo<TArguments> argumentsTypeInfo, string? connectedAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(argumentsTypeInfo);
        return InvokeFunctionAsync(functionName, JsonSerializer.SerializeToElement(arguments, argumentsTypeInfo), connectedAccountId, cancellationToken);
    }

    /// <summary>Runs a function with arguments given as any object, such as an anonymous one, serialised by reflection.</summary>
    /// <param name="functionName">The function, such as <c>slack-post-message</c>.</param>
    /// <param name="arguments">The arguments; their properties become the JSON members (camelCase).</param>
    /// <param name="connectedAccountId">The connected account to use when the user has several for the app.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="Result.Executed"/> when the function ran, <see cref="Result.Rejected"/> when it did not.</returns>
    [RequiresUnreferencedCode("Serialises the arguments by reflection. Use the JsonElement, JsonObject or JsonTypeInfo overload in trimmed apps.")]
    [RequiresDynamicCode("Serialises the arguments by reflection. Use the JsonElement, JsonObject or JsonTypeInfo overload in AOT apps.")]
    public virtual Task<Result> InvokeFunctionAsync(string functionName, object arguments, string? connectedAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return InvokeFunctionAsync(functionName, JsonSerializer.SerializeToElement(arguments, arguments.GetType(), ReflectionJson.Options), connectedAccountId, cancellationToken);
    }

    /// <summary>Runs a function with every call option: connected account, <c>_variables</c> and version.</summary>
    /// <param name="functionName">The function, such as <c>slack-post-message</c>.</param>
    /// <param name="arguments">The arguments: a JSON object.</param>
    /// <param name="options">The call's options.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="Result.Executed"/> when the function ran, <see cref="Result.Rejected"/> when it did not.</returns>
    /// <exception cref="ArgumentException">The name, the arguments or the options are not valid; nothing was sent.</exception>
    /// <exception cref="InvalidOperationException">The client has no user: call <see cref="ForUser"/>.</exception>
    /// <exception cref="IntegryException">The call could not be completed (network, timeout, authentication).</exception>
    public virtual Task<Result> InvokeFunctionAsync(string functionName, JsonElement arguments, FunctionCallOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Arguments are checked before the first await, so a bad call throws at once and sends nothing.
        return InvokeCoreAsync(CreateInvocation(functionName, arguments, options), cancellationToken);
    }

    /// <summary>Sends a request to an app's API with the user's credentials, through <c>&lt;app&gt;-passthrough-request</c>.</summary>
    /// <param name="app">The app's slug, such as <c>slack</c>.</param>
    /// <param name="request">The method, URL and body of the request to the app.</param>
    /// <param name="connectedAccountId">The connected account to use when the user has several for the app.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see cref="Result.Executed"/> with the app's status and body, or <see cref="Result.Rejected"/>.</returns>
    public virtual Task<Result> PassthroughAsync(string app, PassthroughRequest request, string? connectedAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        ArgumentNullException.ThrowIfNull(request);
        return InvokeFunctionAsync(PassthroughFunctionName.For(app), request.ToArguments(), connectedAccountId, cancellationToken);
    }

    private async Task<Result> InvokeCoreAsync(FunctionInvocation invocation, CancellationToken cancellationToken)
    {
        var isPassthrough = PassthroughFunctionName.TryGetApp(invocation.FunctionName, out var app);
        var started = Stopwatch.GetTimestamp();
        using var activity = IntegryTelemetry.StartCall(invocation.FunctionName, app, invocation.ConnectedAccountId);
        try
        {
            var result = _core.Passthrough is { } local && isPassthrough
                ? await local.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false)
                : _core.Remote is { } remote
                    ? await remote.InvokeAsync(invocation, _signature!, cancellationToken).ConfigureAwait(false)
                    : Rejections.NoExecutor(invocation.FunctionName);
            IntegryTelemetry.EndCall(activity, invocation.FunctionName, app, result, Stopwatch.GetElapsedTime(started));
            return result;
        }
        catch (Exception exception)
        {
            IntegryTelemetry.FailCall(activity, invocation.FunctionName, app, exception, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    private FunctionInvocation CreateInvocation(string functionName, JsonElement arguments, FunctionCallOptions options)
    {
        FunctionNames.Validate(functionName);
        if (arguments.ValueKind == JsonValueKind.Undefined || arguments.ValueKind == JsonValueKind.Null)
        {
            arguments = EmptyArguments;
        }
        else if (arguments.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"The arguments must be a JSON object, not {arguments.ValueKind}.", nameof(arguments));
        }

        if (options.ConnectedAccountId is { } account && string.IsNullOrWhiteSpace(account))
        {
            throw new ArgumentException("The connected account id is empty: pass null to use the user's only account for the app.", nameof(options));
        }

        if (options.Variables is { ValueKind: not JsonValueKind.Object })
        {
            throw new ArgumentException("Variables (_variables) must be a JSON object.", nameof(options));
        }

        if (options.Variables is not null && arguments.TryGetProperty(WireNames.Variables, out _))
        {
            throw new ArgumentException("Give _variables either inside the arguments or as FunctionCallOptions.Variables, not both.", nameof(options));
        }

        if (options.Version is { } version && (string.IsNullOrWhiteSpace(version) || version.Any(c => c is < ' ' or > '~')))
        {
            throw new ArgumentException("FunctionCallOptions.Version must be printable ASCII text (it is sent as the Version header).", nameof(options));
        }

        var userId = _userId ?? throw new InvalidOperationException("This client has no user: set IntegryClientOptions.UserId, or call ForUser(userId) to get a client for the end user.");
        return new FunctionInvocation(userId, functionName, arguments, options.ConnectedAccountId, options.Variables, options.Version);
    }

    private RemoteExecutor RequireRemote() => _core.Remote
        ?? throw new InvalidOperationException("This call needs Integry's API: set IntegryClientOptions.AppKey and AppSecret.");

    private RequestSignature RequireSignature() => _signature
        ?? throw new InvalidOperationException("This client has no user: set IntegryClientOptions.UserId, or call ForUser(userId) to get a client for the end user.");

    private static JsonElement ToElement(JsonObject? arguments) =>
        arguments is null ? EmptyArguments : JsonSerializer.SerializeToElement(arguments, IntegryJsonContext.Default.JsonObject);

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
