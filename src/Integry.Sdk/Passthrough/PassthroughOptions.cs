namespace Integry.Sdk;

/// <summary>Settings of the local <see cref="PassthroughExecutor"/>. They are copied when the executor is built.</summary>
public sealed class PassthroughOptions
{
    /// <summary>The largest response body read by default: 32 MiB.</summary>
    public static readonly long DefaultMaxResponseBytes = 32L * 1024 * 1024;

    /// <summary>The largest request body sent by default: 10 MiB.</summary>
    public static readonly long DefaultMaxRequestBodyBytes = 10L * 1024 * 1024;

    /// <summary>The longest request URL accepted by default, in characters.</summary>
    public static readonly int DefaultMaxUrlLength = 8192;

    /// <summary>Gets apps to add to the catalog, or to replace built-in apps of the same slug.</summary>
    public IList<AppDefinition> Apps { get; } = new List<AppDefinition>();

    /// <summary>Gets or sets a value indicating whether the built-in apps are in the catalog; when <see langword="false"/> only <see cref="Apps"/> are.</summary>
    public bool IncludeBuiltInApps { get; set; } = true;

    /// <summary>Gets or sets the largest onward response body read, after decompression; a larger one fails the call.</summary>
    public long MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

    /// <summary>Gets or sets the largest request body sent; a larger one is rejected before anything is sent.</summary>
    public long MaxRequestBodyBytes { get; set; } = DefaultMaxRequestBodyBytes;

    /// <summary>Gets or sets the longest request URL accepted, in characters.</summary>
    public int MaxUrlLength { get; set; } = DefaultMaxUrlLength;

    /// <summary>Gets or sets how long one onward call may take; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for no limit.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Gets or sets how many redirects one call may follow; each hop is checked against the app's hosts.</summary>
    public int MaxRedirects { get; set; } = 5;

    /// <summary>Gets or sets how many times a failed attempt is retried (transient network errors and 408, 429, 500, 502, 503, 504).</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Gets or sets the first retry's delay when the app does not say how long to wait; it doubles each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets how long one attempt may take (10 ms to 24 h, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>);
    /// <see cref="Timeout"/> bounds the whole call, waits included.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    // Polly's timeout strategy's range, which bounds every attempt after the first.
    private static TimeSpan MinAttemptTimeout => TimeSpan.FromMilliseconds(10);

    private static TimeSpan MaxAttemptTimeout => TimeSpan.FromHours(24);

    /// <summary>Gets or sets how long before its expiry a bearer token is refreshed.</summary>
    public TimeSpan TokenRefreshSkew { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Gets or sets a value indicating whether the executor accepts an HTTP handler whose connections it cannot check,
    /// that is one whose innermost handler is neither a <see cref="SocketsHttpHandler"/> nor an <see cref="HttpClientHandler"/>
    /// (a test double, say). Such a handler's requests are still checked for their origin, but the addresses it reaches are
    /// not; by default the executor refuses it with an <see cref="ArgumentException"/>.
    /// </summary>
    public bool AllowUnguardedHandler { get; set; }

    /// <summary>
    /// Gets or sets the HTTP proxy through which requests to public apps go, as <c>CONNECT</c> tunnels with TLS to the app
    /// inside; none when <see langword="null"/> (the default): the executor connects directly, and never takes a proxy from
    /// <c>HTTP_PROXY</c>, <c>HTTPS_PROXY</c> or the system settings.
    /// </summary>
    /// <remarks>
    /// By default (<see cref="PassthroughProxyMode.ConnectToCheckedAddress"/>) the executor resolves the app's host and checks
    /// its addresses as it does without a proxy, then asks the proxy for a tunnel to a checked address; apps registered for
    /// the local network are reached directly. It works with the SDK's own handler (<see cref="Handler"/> left
    /// <see langword="null"/>: each executor then has its own connection pools, so build one and share it) and with a
    /// <see cref="SocketsHttpHandler"/> of yours that has no <c>ConnectCallback</c>; any other handler is refused with an
    /// <see cref="ArgumentException"/>. Not bound from configuration. See <c>docs/proxy.md</c>.
    /// </remarks>
    public PassthroughProxy? Proxy { get; set; }
    /// <summary>Gets or sets the handler that sends the onward requests, such as a test double or a handler chain of your own;
    /// when <see langword="null"/>, a shared <see cref="PassthroughExecutor.CreatePrimaryHandler"/> (under <c>AddLocalPassthrough()</c>,
    /// the named client <c>IntegryBuilder.PassthroughHttpClientName</c>). When the innermost handler is .NET's own
    /// (<see cref="SocketsHttpHandler"/> or <see cref="HttpClientHandler"/>) the executor turns off its redirects, cookies and
    /// proxy and adds its guard (origin and address checks on every request, innermost); any other innermost handler is refused
    /// unless <see cref="AllowUnguardedHandler"/> is set. Not bound from configuration.</summary>
    public HttpMessageHandler? Handler { get; set; }

    /// <summary>Gets or sets the log that receives a record of each executed call; an <see cref="InMemoryFunctionCallLog"/> when
    /// <see langword="null"/> (under <c>AddLocalPassthrough()</c>, the registered <see cref="IFunctionCallLog"/>). Not bound from configuration.</summary>
    public IFunctionCallLog? CallLog { get; set; }

    /// <summary>Gets or sets the clock for timeouts, retry waits and token expiry; the system clock when <see langword="null"/>
    /// (under <c>AddLocalPassthrough()</c>, the registered <see cref="System.TimeProvider"/>). Not bound from configuration.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Gets or sets where the executor logs (category <c>Integry.Sdk.PassthroughExecutor</c>); no logging when <see langword="null"/>
    /// (under <c>AddLocalPassthrough()</c>, the registered <see cref="Microsoft.Extensions.Logging.ILoggerFactory"/>). Not bound from configuration.</summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; set; }

    internal List<string> Validate()
    {
        var failures = new List<string>();
        if (MaxResponseBytes <= 0)
        {
            failures.Add($"{nameof(MaxResponseBytes)} must be positive; it is {MaxResponseBytes}.");
        }

        if (MaxRequestBodyBytes <= 0)
        {
            failures.Add($"{nameof(MaxRequestBodyBytes)} must be positive; it is {MaxRequestBodyBytes}.");
        }

        if (MaxUrlLength < 16)
        {
            failures.Add($"{nameof(MaxUrlLength)} must be at least 16; it is {MaxUrlLength}.");
        }

        if (MaxRedirects is < 0 or > 20)
        {
            failures.Add($"{nameof(MaxRedirects)} must be between 0 and 20; it is {MaxRedirects}.");
        }

        if (MaxRetries is < 0 or > 10)
        {
            failures.Add($"{nameof(MaxRetries)} must be between 0 and 10; it is {MaxRetries}.");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > CallDeadline.MaxTimeout)
        {
            failures.Add($"{nameof(RetryBaseDelay)} must not be negative nor more than {CallDeadline.MaxTimeout} (the longest a timer waits); it is {RetryBaseDelay}.");
        }

        // Polly's timeout strategy bounds each attempt, and takes 10 ms to 24 h.
        if (AttemptTimeout != System.Threading.Timeout.InfiniteTimeSpan && (AttemptTimeout < MinAttemptTimeout || AttemptTimeout > MaxAttemptTimeout))
        {
            failures.Add($"{nameof(AttemptTimeout)} must be between {MinAttemptTimeout} and {MaxAttemptTimeout}, or Timeout.InfiniteTimeSpan; it is {AttemptTimeout}.");
        }

        if (TokenRefreshSkew < TimeSpan.Zero)
        {
            failures.Add($"{nameof(TokenRefreshSkew)} must not be negative; it is {TokenRefreshSkew}.");
        }

        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && (Timeout <= TimeSpan.Zero || Timeout > CallDeadline.MaxTimeout))
        {
            failures.Add($"{nameof(Timeout)} must be positive and at most {CallDeadline.MaxTimeout} (the longest a timer waits), or Timeout.InfiniteTimeSpan; it is {Timeout}.");
        }

        if (Integry.Sdk.Passthrough.PassthroughHandlerPolicy.ProxyConflict(Handler, Proxy) is { } conflict)
        {
            failures.Add(conflict);
        }

        try
        {
            _ = BuildCatalog();
        }
        catch (ArgumentException exception)
        {
            failures.Add(exception.Message);
        }

        return failures;
    }

    internal AppCatalog BuildCatalog() => IncludeBuiltInApps ? AppCatalog.BuiltIn.With(Apps) : new AppCatalog(Apps);

    internal PassthroughOptions Clone()
    {
        var copy = new PassthroughOptions
        {
            IncludeBuiltInApps = IncludeBuiltInApps,
            MaxResponseBytes = MaxResponseBytes,
            MaxRequestBodyBytes = MaxRequestBodyBytes,
            MaxUrlLength = MaxUrlLength,
            Timeout = Timeout,
            MaxRedirects = MaxRedirects,
            MaxRetries = MaxRetries,
            RetryBaseDelay = RetryBaseDelay,
            AttemptTimeout = AttemptTimeout,
            TokenRefreshSkew = TokenRefreshSkew,
            AllowUnguardedHandler = AllowUnguardedHandler,
            Proxy = Proxy,
            Handler = Handler,
            CallLog = CallLog,
            TimeProvider = TimeProvider,
            LoggerFactory = LoggerFactory,
        };
        foreach (var app in Apps)
        {
            copy.Apps.Add(app);
        }

        return copy;
    }
}
