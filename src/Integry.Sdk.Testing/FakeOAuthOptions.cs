namespace Integry.Sdk.Testing;

/// <summary>How a <see cref="FakeApp"/>'s OAuth2 token endpoint behaves; see <see cref="FakeAppBuilder.UseOAuth"/>.</summary>
public sealed class FakeOAuthOptions
{
    /// <summary>Gets or sets the client id the token endpoint accepts.</summary>
    public string ClientId { get; set; } = "fake-client";

    /// <summary>Gets or sets the client secret the token endpoint accepts.</summary>
    public string ClientSecret { get; set; } = "fake-secret";

    /// <summary>Gets or sets how long an access token lives (one hour by default; more than zero, at most 3,650 days).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets a value indicating whether every refresh grant issues a new refresh token and retires the one used,
    /// so reusing it answers <c>invalid_grant</c> (as Xero, QuickBooks and OAuth 2.1 servers do). On by default.
    /// </summary>
    public bool RotateRefreshTokens { get; set; } = true;

    /// <summary>Gets or sets the clock tokens expire by; the system clock by default (use a fake one to expire tokens in tests).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
