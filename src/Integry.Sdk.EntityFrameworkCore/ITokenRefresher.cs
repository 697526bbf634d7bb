namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>
/// Gets a new credential from the issuer, such as an OAuth2 token endpoint. The store calls it only while it holds the
/// refresh lease of the account, so one stale credential is refreshed once across every instance.
/// </summary>
/// <remarks>Its signature matches <see cref="InMemoryCredentialProvider.Refresh"/>, so it serves that provider too.</remarks>
public interface ITokenRefresher
{
    /// <summary>Refreshes a credential.</summary>
    /// <param name="request">Who, which app, and which connected account.</param>
    /// <param name="stale">The stored credential that expired or was refused.</param>
    /// <param name="cancellationToken">Cancels the refresh; it carries the call's deadline.</param>
    /// <returns>The new credential (for the same account, with the same metadata), or <see langword="null"/> when this
    /// refresher cannot refresh it (no refresh token, or an app it does not know).</returns>
    /// <exception cref="ReconnectRequiredException">The issuer refused the grant (<c>invalid_grant</c>): the user must reconnect.</exception>
    ValueTask<Credential?> RefreshAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default);
}
