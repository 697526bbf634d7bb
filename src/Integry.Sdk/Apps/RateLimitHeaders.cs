namespace Integry.Sdk;

/// <summary>Where an app reports its rate limit: the headers for the requests left and for when the window resets.</summary>
public sealed record RateLimitHeaders
{
    /// <summary>Gets the header with the number of requests left (<c>x-ratelimit-remaining</c>).</summary>
    public required string Remaining { get; init; }

    /// <summary>Gets the header that says when the limit resets (<c>x-ratelimit-reset</c>), if the app sends one.</summary>
    public string? Reset { get; init; }

    /// <summary>Gets how <see cref="Reset"/> is written.</summary>
    public RateLimitResetFormat ResetFormat { get; init; } = RateLimitResetFormat.SecondsFromNow;
}

/// <summary>How an app writes the time its rate limit resets.</summary>
public enum RateLimitResetFormat
{
    /// <summary>Seconds from now (<c>30</c>).</summary>
    SecondsFromNow,

    /// <summary>A Unix time in seconds (<c>1735689600</c>), as GitHub sends.</summary>
    UnixTimeSeconds,

    /// <summary>A date and time (ISO 8601 or an HTTP date), as Jira sends.</summary>
    DateTime,
}

/// <summary>What to do when an app redirects to a host outside the app.</summary>
public enum ForeignRedirectPolicy
{
    /// <summary>Follow the redirect, without the credential (the default).</summary>
    FollowWithoutCredential,

    /// <summary>Do not follow: the call fails with an <see cref="IntegryException"/>.</summary>
    Refuse,
}
