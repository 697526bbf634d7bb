namespace Integry.Sdk;

/// <summary>Supplies end users' stored credentials to the local passthrough executor.</summary>
/// <remarks>
/// <para>Implement it over your own store (a database, a vault), or use the <c>Integry.Sdk.EntityFrameworkCore</c>
/// package. <see cref="InMemoryCredentialProvider"/> serves development and tests. A provider may be scoped (it may hold
/// a <c>DbContext</c>); it must be safe for the calls of one scope.</para>
/// <para><b>The refresh contract (compare-and-swap).</b> Many executors, in many processes, may hold the same stale
/// credential at once. Every provider must keep this contract in <see cref="RefreshCredentialAsync"/>, or OAuth servers
/// that rotate refresh tokens will revoke the user's grant:</para>
/// <list type="number">
/// <item>The executor hands over the stale credential it holds.</item>
/// <item>If the credential stored now is no longer that stale one (equal by value), another instance already refreshed
/// it: return the stored one, without calling the token endpoint.</item>
/// <item>Otherwise refresh, and store the refreshed credential only if the stored one is still that stale one (a
/// conditional update, a concurrency token, a lock); if another instance stored one first, return theirs and discard
/// yours. Make sure at most one instance calls the token endpoint for one stale credential (a lease or a lock in the
/// store), because a rotated refresh token can be used once.</item>
/// <item>When the user must reconnect (the token endpoint answered <c>invalid_grant</c>, the grant was revoked), throw
/// <see cref="ReconnectRequiredException"/>, or return <see langword="null"/>; the call is rejected with a request to
/// reconnect.</item>
/// </list>
/// <para>Any other exception, or a call that outlives the executor's deadline, fails the call with an
/// <see cref="IntegryException"/> that names the provider and never quotes a credential.</para>
/// </remarks>
public interface ICredentialProvider
{
    /// <summary>Gets the user's credential for an app.</summary>
    /// <param name="request">Who, which app, and which connected account.</param>
    /// <param name="cancellationToken">Cancels the lookup; it carries the call's deadline.</param>
    /// <returns>The credential, or <see langword="null"/> when the user has not connected that app (or that account).</returns>
    /// <exception cref="ReconnectRequiredException">The account is connected but the user must connect it again.</exception>
    ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Refreshes a credential that expired or that the app refused, such as an OAuth access token, keeping the
    /// compare-and-swap contract described on <see cref="ICredentialProvider"/>.
    /// </summary>
    /// <param name="request">Who, which app, and which connected account.</param>
    /// <param name="stale">The credential the executor holds and that no longer works.</param>
    /// <param name="cancellationToken">Cancels the refresh; it carries the call's deadline.</param>
    /// <returns>The newest credential: the one this call stored, or the one another instance stored first; or
    /// <see langword="null"/> when it cannot be refreshed (the user must reconnect the app).</returns>
    /// <exception cref="ReconnectRequiredException">The user must connect the account again.</exception>
    ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default) =>
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
