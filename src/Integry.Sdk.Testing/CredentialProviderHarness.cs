namespace Integry.Sdk.Testing;

/// <summary>Obtains a new credential for a stale one: the suite's stand-in for an OAuth token endpoint, counting every grant.</summary>
/// <param name="request">Who, which app, which account.</param>
/// <param name="stale">The credential being refreshed.</param>
/// <param name="cancellationToken">Cancels the grant.</param>
/// <returns>The new credential, or <see langword="null"/> when it cannot be refreshed (as an <c>invalid_grant</c>).</returns>
public delegate ValueTask<Credential?> RefreshGrant(CredentialRequest request, Credential stale, CancellationToken cancellationToken);

/// <summary>How <see cref="CredentialProviderConformance"/> creates and fills your provider.</summary>
/// <typeparam name="TProvider">Your provider's type.</typeparam>
public sealed class CredentialProviderHarness<TProvider>
    where TProvider : ICredentialProvider
{
    /// <summary>
    /// Gets the factory of a provider over a fresh, empty store, whose refreshes obtain new credentials from the given
    /// grant (wire it where your provider calls the token endpoint). Called once per check.
    /// </summary>
    public required Func<RefreshGrant, ValueTask<TProvider>> CreateProvider { get; init; }

    /// <summary>Gets what stores a connected account's credential in the provider's store, as connecting the app would.</summary>
    public required Func<TProvider, ConformanceAccount, ValueTask> Connect { get; init; }

    /// <summary>
    /// Gets the factory of a second provider over the same store as the first (another server of a web farm), so the
    /// concurrency check also races two instances; when <see langword="null"/> it races one instance.
    /// </summary>
    public Func<TProvider, RefreshGrant, ValueTask<TProvider>>? CreatePeer { get; init; }

    /// <summary>Gets how many refreshes of one stale credential race each other (16 by default).</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Gets how long one check may take before it fails as hung (30 seconds by default; more than zero and at most
    /// 49 days, or <see cref="Timeout.InfiniteTimeSpan"/> for no limit).</summary>
    public TimeSpan CheckTimeout { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>A connected account the suite asks the harness to store.</summary>
/// <param name="UserId">The end user.</param>
/// <param name="App">The app's slug.</param>
/// <param name="ConnectedAccountId">The account id.</param>
/// <param name="Credential">The credential to store.</param>
public sealed record ConformanceAccount(string UserId, string App, string ConnectedAccountId, Credential Credential);
