using Duende.IdentityModel.Client;

namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>
/// Refreshes OAuth2 bearer tokens with the refresh-token grant (RFC 6749 §6) through Duende.IdentityModel. Keeps the
/// rotated refresh token when the server issues a new one, and turns <c>invalid_grant</c> into
/// <see cref="ReconnectRequiredException"/>.
/// </summary>
/// <remarks>Use it behind a store that keeps the compare-and-swap contract (<see cref="EntityFrameworkCoreCredentialProvider{TContext}"/>);
/// on its own it refreshes whenever it is asked.</remarks>
public sealed class OAuth2TokenRefresher : ITokenRefresher
{
    private readonly HttpClient _httpClient;
    private readonly Dictionary<string, OAuth2App> _apps;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the refresher.</summary>
    /// <param name="httpClient">Sends the token requests.</param>
    /// <param name="apps">The apps whose tokens it refreshes; other apps' credentials are not refreshed.</param>
    /// <param name="timeProvider">The clock that turns <c>expires_in</c> into an expiry; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An app is listed twice or has no token endpoint or client id.</exception>
    public OAuth2TokenRefresher(HttpClient httpClient, IEnumerable<OAuth2App> apps, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(apps);
        _httpClient = httpClient;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _apps = new Dictionary<string, OAuth2App>(StringComparer.OrdinalIgnoreCase);
        foreach (var app in apps)
        {
            ArgumentNullException.ThrowIfNull(app, nameof(apps));
            if (string.IsNullOrWhiteSpace(app.App) || string.IsNullOrWhiteSpace(app.ClientId) || app.TokenEndpoint is not { IsAbsoluteUri: true })
            {
                throw new ArgumentException($"{app} needs an app slug, a client id and an absolute token endpoint.", nameof(apps));
            }

            if (!_apps.TryAdd(app.App, app))
            {
                throw new ArgumentException($"The app '{app.App}' is listed twice.", nameof(apps));
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<Credential?> RefreshAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stale);
        if (stale is not Credential.BearerToken { RefreshToken: { } refreshToken } || !_apps.TryGetValue(request.App, out var app))
        {
            return null;
        }

        using var tokenRequest = new RefreshTokenRequest
        {
            Address = app.TokenEndpoint.AbsoluteUri,
            ClientId = app.ClientId,
            ClientSecret = app.ClientSecret,
            ClientCredentialStyle = app.SendClientCredentialsInBody ? ClientCredentialStyle.PostBody : ClientCredentialStyle.AuthorizationHeader,
            RefreshToken = refreshToken,
            Scope = app.Scope,
        };
        var response = await _httpClient.RequestRefreshTokenAsync(tokenRequest, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (string.Equals(response.Error, "invalid_grant", StringComparison.Ordinal))
            {
                throw new ReconnectRequiredException($"The {app.App} token endpoint refused the refresh token (invalid_grant): the user must reconnect the account.");
            }

            // Never the response body: some servers echo the request, refresh token included.
            var what = response.ErrorType == ResponseErrorType.Exception
                ? response.Exception?.GetType().Name ?? "a transport fault"
                : $"HTTP {(int)response.HttpStatusCode} {response.Error}".TrimEnd();
            throw new IntegryException($"The {app.App} token endpoint did not refresh the token: {what}.", response.Exception);
        }

        if (string.IsNullOrWhiteSpace(response.AccessToken))
        {
            throw new IntegryException($"The {app.App} token endpoint answered without an access_token.");
        }

        DateTimeOffset? expiresAt = response.ExpiresIn > 0 ? _timeProvider.GetUtcNow().AddSeconds(response.ExpiresIn) : null;
        return new Credential.BearerToken(response.AccessToken, expiresAt)
        {
            // Rotation: a new refresh token replaces the old one, which the server will refuse from now on.
            RefreshToken = string.IsNullOrEmpty(response.RefreshToken) ? refreshToken : response.RefreshToken,
            ConnectedAccountId = stale.ConnectedAccountId,
            Metadata = stale.Metadata,
        };
    }
}
