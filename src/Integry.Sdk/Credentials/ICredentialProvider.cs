namespace Integry.Sdk;

/// <summary>Supplies end users' stored credentials to the local passthrough executor.</summary>
/// <remarks>Implement it over your own store (a database, a vault). <see cref="InMemoryCredentialProvider"/> serves development and tests.</remarks>
public interface ICredentialProvider
{
    /// <summary>Gets the user's credential for an app.</summary>
    /// <param name="request">Who, which app, and which connected account.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The credential, or <see langword="null"/> when the user has not connected that app (or that account).</returns>
    ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default);

    /// <summary>Refreshes a credential that expired or that the app refused, such as an OAuth access token.</summary>
    /// <param name="request">Who, which app, and which connected account.</param>
    /// <param name="expired">The credential that no longer works.</param>
    /// <param name="cancellationToken">Cancels the refresh.</param>
    /// <returns>A new credential, or <see langword="null"/> when it cannot be refreshed (the user must reconnect the app).</returns>
    ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential expired, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<Credential?>(null);

    /// <summary>Lists the user's connected accounts of an app, for <see cref="IntegryClient.GetAppAsync"/> and friends on the local executor.</summary>
    /// <param name="request">Who and which app.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The accounts (empty when none), or <see langword="null"/> when this provider cannot list them; the local
    /// executor then asks <see cref="GetCredentialAsync"/> whether the user has a credential for the app.</returns>
    /// <remarks>Optional: the default returns <see langword="null"/>. Never return credentials here, only ids and names.</remarks>
    ValueTask<IReadOnlyList<ConnectedAccount>?> ListConnectedAccountsAsync(ConnectedAccountsRequest request, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<ConnectedAccount>?>(null);
}
