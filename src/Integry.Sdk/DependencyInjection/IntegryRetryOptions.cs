namespace Integry.Sdk;

/// <summary>Settings of <see cref="IntegryBuilder.AddSafeRetries"/>: retries of calls to Integry's API that cannot run an action twice.</summary>
public sealed class IntegryRetryOptions
{
    /// <summary>Gets or sets how many times a failed request is retried; 2 by default, 0 to 10.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Gets or sets the first retry's delay when Integry does not say how long to wait (<c>Retry-After</c>); it doubles each retry, with jitter. 0 to 24 h.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
