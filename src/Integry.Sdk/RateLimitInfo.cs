namespace Integry.Sdk;

/// <summary>An app's rate-limit state after a call, normalised from its own headers and <c>Retry-After</c>.</summary>
public sealed record RateLimitInfo
{
    /// <summary>Gets the number of requests left in the current window, when the app says.</summary>
    public long? Remaining { get; init; }

    /// <summary>Gets when the window resets, when the app says.</summary>
    public DateTimeOffset? ResetsAt { get; init; }

    /// <summary>Gets how long the app asked to wait (<c>Retry-After</c>), when it did.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
