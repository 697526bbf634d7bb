namespace Integry.Sdk.Testing;

/// <summary>Tokens a <see cref="FakeOAuthServer"/> issued.</summary>
/// <param name="AccessToken">The access token.</param>
/// <param name="RefreshToken">The refresh token.</param>
/// <param name="ExpiresAt">When the access token expires.</param>
public sealed record FakeTokens(string AccessToken, string RefreshToken, DateTimeOffset ExpiresAt)
{
    /// <summary>Names the tokens' expiry and never their values.</summary>
    /// <returns>A redacted description.</returns>
    public override string ToString() => $"FakeTokens {{ ExpiresAt = {ExpiresAt:O}, values redacted }}";
}
