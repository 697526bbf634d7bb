namespace Integry.Sdk;

/// <summary>Where an app reports its rate limit: the headers for the requests left and for when the window resets.</summary>
/// <param name="Remaining">The header with the number of requests left (<c>x-ratelimit-remaining</c>).</param>
/// <param name="Reset">The header that says when the limit resets (<c>x-ratelimit-reset</c>), if the app sends one.</param>
/// <param name="ResetFormat">How <paramref name="Reset"/> is written.</param>
public sealed record RateLimitHeaders(string Remaining, string? Reset = null, RateLimitResetFormat ResetFormat = RateLimitResetFormat.SecondsFromNow);

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
