using System.Net;

namespace Integry.Sdk;

/// <summary>Settings of an <see cref="IntegryClient"/>. They are copied when the client is built, so later changes do not affect it.</summary>
public sealed class IntegryClientOptions
{
    /// <summary>The address of Integry's API.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.integry.io/");

    /// <summary>The time a call to Integry may take by default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    /// <summary>Gets or sets your Integry app key (<c>App-Key</c>). Needed for calls that Integry runs; a client that only runs passthroughs locally may leave it empty.</summary>
    public string? AppKey { get; set; }

    /// <summary>Gets or sets your Integry app secret, used to sign the user id (<c>Hash</c>). It is never sent.</summary>
    public string? AppSecret { get; set; }

    /// <summary>Gets or sets the end user the client acts for (<c>User-ID</c>): their id in your product. <see cref="IntegryClient.ForUser"/> gives a client for another user.</summary>
    public string? UserId { get; set; }

    /// <summary>Gets or sets the address of Integry's API; https, or http on a loopback address for a local emulator.</summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>Gets or sets how long one call to Integry may take, waiting included; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Gets or sets the <see cref="System.Net.Http.HttpClient"/> that calls Integry's API; a shared, pooled one when <see langword="null"/>.
    /// Its <see cref="System.Net.Http.HttpClient.Timeout"/> should be infinite: <see cref="Timeout"/> bounds each call. Under
    /// <c>AddIntegry</c> the named client <c>IntegryBuilder.ApiHttpClientName</c> is used unless this is set. Not bound from configuration.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Gets or sets the executor that runs passthrough functions in this process; when <see langword="null"/> they run at Integry.
    /// Under <c>AddIntegry</c>, <c>AddLocalPassthrough()</c> sets it. Not bound from configuration.</summary>
    public PassthroughExecutor? PassthroughExecutor { get; set; }

    /// <summary>Gets or sets what the client may call (apps, methods, paths, functions); every call when <see langword="null"/>. <see cref="IntegryClient.WithPolicy"/> narrows it further.</summary>
    public PassthroughPolicy? Policy { get; set; }

    internal bool HasRemoteCredentials => !string.IsNullOrWhiteSpace(AppKey) && !string.IsNullOrWhiteSpace(AppSecret);

    internal IntegryClientOptions Clone() => new()
    {
        AppKey = AppKey,
        AppSecret = AppSecret,
        UserId = UserId,
        BaseAddress = WithTrailingSlash(BaseAddress),
        Timeout = Timeout,
        HttpClient = HttpClient,
        PassthroughExecutor = PassthroughExecutor,
        Policy = Policy,
    };

    /// <summary>Lists what is wrong with these settings, one clear message per field.</summary>
    /// <param name="localExecutorConfigured">Whether passthroughs run locally, in which case Integry's keys are optional.</param>
    internal List<string> Validate(bool localExecutorConfigured)
    {
        var failures = new List<string>();
        var hasKey = !string.IsNullOrWhiteSpace(AppKey);
        var hasSecret = !string.IsNullOrWhiteSpace(AppSecret);
        if (!localExecutorConfigured && !hasKey)
        {
            failures.Add($"{nameof(AppKey)} is required: set it to your Integry app key (or run passthroughs locally with AddLocalPassthrough()).");
        }

        if (hasKey && !hasSecret)
        {
            failures.Add($"{nameof(AppSecret)} is required when {nameof(AppKey)} is set: set it to your Integry app secret.");
        }
        else if (!hasKey && hasSecret)
        {
            failures.Add($"{nameof(AppKey)} is required when {nameof(AppSecret)} is set: set it to your Integry app key.");
        }
        else if (!localExecutorConfigured && !hasSecret)
        {
            failures.Add($"{nameof(AppSecret)} is required: set it to your Integry app secret.");
        }

        if (UserId is not null && string.IsNullOrWhiteSpace(UserId))
        {
            failures.Add($"{nameof(UserId)} must not be empty or white space: leave it unset and call ForUser(userId) instead.");
        }

        if (BaseAddress is null)
        {
            failures.Add($"{nameof(BaseAddress)} is required: use {DefaultBaseAddress}.");
        }
        else if (!BaseAddress.IsAbsoluteUri)
        {
            failures.Add($"{nameof(BaseAddress)} must be an absolute URI such as {DefaultBaseAddress}; '{BaseAddress}' is relative.");
        }
        else if (BaseAddress.Scheme != Uri.UriSchemeHttps && !(BaseAddress.Scheme == Uri.UriSchemeHttp && IsLoopback(BaseAddress)))
        {
            failures.Add($"{nameof(BaseAddress)} must use https (http is allowed only for a loopback address); '{BaseAddress.GetLeftPart(UriPartial.Authority)}' is not.");
        }
        else if (!string.IsNullOrEmpty(BaseAddress.Query) || !string.IsNullOrEmpty(BaseAddress.Fragment) || !string.IsNullOrEmpty(BaseAddress.UserInfo))
        {
            failures.Add($"{nameof(BaseAddress)} must not carry a query, a fragment or user information.");
        }

        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && (Timeout <= TimeSpan.Zero || Timeout > CallDeadline.MaxTimeout))
        {
            failures.Add($"{nameof(Timeout)} must be positive and at most {CallDeadline.MaxTimeout} (the longest a timer waits), or Timeout.InfiniteTimeSpan; it is {Timeout}.");
        }

        return failures;
    }

    // Relative paths resolve under the base address only when its path ends with a slash.
    private static Uri WithTrailingSlash(Uri address) =>
        address.IsAbsoluteUri && !address.AbsolutePath.EndsWith('/') ? new Uri(address.AbsoluteUri + "/") : address;

    private static bool IsLoopback(Uri address) =>
        address.IsLoopback || (IPAddress.TryParse(address.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));
}
