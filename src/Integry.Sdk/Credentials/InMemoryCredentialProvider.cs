namespace Integry.Sdk;

/// <summary>
/// Keeps credentials in memory: for development, samples and your own unit tests. Thread-safe. Holds several
/// users, several apps each, and several connected accounts per app.
/// </summary>
/// <remarks>
/// Keeps the compare-and-swap refresh contract of <see cref="ICredentialProvider"/>: however many executors share it,
/// <see cref="Refresh"/> runs once per stale credential, and a caller holding a credential already replaced gets the
/// stored one without a refresh.
/// </remarks>
public sealed class InMemoryCredentialProvider : ICredentialProvider
{
    private readonly object _gate = new();
    private readonly Dictionary<(string UserId, string App, string AccountId), (Credential Stale, Task<Credential?> Refresh)> _refreshing = [];
    private readonly Dictionary<(string UserId, string App), List<(string AccountId, Credential Credential)>> _accounts = [];
    private int _nextAccountId;

    /// <summary>Gets or sets what refreshes a credential; when <see langword="null"/>, credentials cannot be refreshed.</summary>
    public Func<CredentialRequest, Credential, CancellationToken, ValueTask<Credential?>>? Refresh { get; set; }

    /// <summary>Connects an account of an app for a user, or replaces the credential of an account already connected.</summary>
    /// <param name="userId">The end user.</param>
    /// <param name="app">The app's slug, such as <c>slack</c>.</param>
    /// <param name="credential">The credential.</param>
    /// <param name="connectedAccountId">The account's id; a new numeric id when <see langword="null"/>.</param>
    /// <returns>The connected account's id.</returns>
    public string Connect(string userId, string app, Credential credential, string? connectedAccountId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        ArgumentNullException.ThrowIfNull(credential);
        if (connectedAccountId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(connectedAccountId);
        }

        lock (_gate)
        {
            var accountId = connectedAccountId ?? (++_nextAccountId).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var key = (userId, app.ToLowerInvariant());
            if (!_accounts.TryGetValue(key, out var accounts))
            {
                _accounts[key] = accounts = [];
            }

            var stored = credential.ConnectedAccountId == accountId ? credential : credential.WithConnectedAccountId(accountId);
            var index = accounts.FindIndex(account => account.AccountId == accountId);
            if (index >= 0)
            {
                accounts[index] = (accountId, stored);
            }
            else
            {
                accounts.Add((accountId, stored));
            }

            return accountId;
        }
    }

    /// <summary>Disconnects one account, or every account of the app when <paramref name="connectedAccountId"/> is <see langword="null"/>.</summary>
    /// <param name="userId">The end user.</param>
    /// <param name="app">The app's slug.</param>
    /// <param name="connectedAccountId">The account to remove; every account when <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when something was removed.</returns>
    public bool Disconnect(string userId, string app, string? connectedAccountId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        lock (_gate)
        {
            var key = (userId, app.ToLowerInvariant());
            if (!_accounts.TryGetValue(key, out var accounts))
            {
                return false;
            }

            var removed = connectedAccountId is null ? accounts.RemoveAll(_ => true) : accounts.RemoveAll(account => account.AccountId == connectedAccountId);
            if (accounts.Count == 0)
            {
                _accounts.Remove(key);
            }

            return removed > 0;
        }
    }

    /// <inheritdoc />
    /// <remarks>Without a connected account id, the account connected first is used.</remarks>
    public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Find(request));
    }

    /// <inheritdoc />
    public ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stale);
        if (Refresh is not { } refresh)
        {
            return ValueTask.FromResult<Credential?>(null);
        }

        // The stale credential's own account, not whichever account is the user's default.
        var account = new CredentialRequest { UserId = request.UserId, App = request.App, ConnectedAccountId = stale.ConnectedAccountId ?? request.ConnectedAccountId };
        Task<Credential?> flight;
        lock (_gate)
        {
            var stored = Find(account);
            if (stored is null || !stored.Equals(stale))
            {
                // Another caller already replaced it (or the account is gone): the stored one answers, no refresh.
                return ValueTask.FromResult(stored);
            }

            var key = (account.UserId, account.App.ToLowerInvariant(), stored.ConnectedAccountId ?? string.Empty);
            if (!_refreshing.TryGetValue(key, out var running) || !running.Stale.Equals(stale))
            {
                running = (stale, RefreshAndSwapAsync(refresh, account, stored, key));
                _refreshing[key] = running;
            }

            flight = running.Refresh;
        }

        return new ValueTask<Credential?>(flight.WaitAsync(cancellationToken));
    }

    private async Task<Credential?> RefreshAndSwapAsync(
        Func<CredentialRequest, Credential, CancellationToken, ValueTask<Credential?>> refresh,
        CredentialRequest account,
        Credential stale,
        (string, string, string) key)
    {
        // Let the caller's lock go before the refresh runs.
        await Task.Yield();
        try
        {
            // Shared by every caller holding this stale credential: one caller's cancellation must not end it.
            var fresh = await refresh(account, stale, CancellationToken.None).ConfigureAwait(false);
            lock (_gate)
            {
                var stored = Find(account);
                if (fresh is null || stored is null || !stored.Equals(stale))
                {
                    // Swap only if the stored one is still the stale one; otherwise whatever is stored now wins.
                    return fresh is null ? null : stored;
                }

                Connect(account.UserId, account.App, fresh, stale.ConnectedAccountId ?? account.ConnectedAccountId);
                return Find(new CredentialRequest { UserId = account.UserId, App = account.App, ConnectedAccountId = stale.ConnectedAccountId ?? account.ConnectedAccountId });
            }
        }
        finally
        {
            lock (_gate)
            {
                if (_refreshing.TryGetValue(key, out var running) && running.Stale.Equals(stale))
                {
                    _refreshing.Remove(key);
                }
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The accounts in the order they were connected, named by their ids.</remarks>
    public ValueTask<IReadOnlyList<ConnectedAccount>?> ListConnectedAccountsAsync(ConnectedAccountsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<ConnectedAccount> accounts = _accounts.TryGetValue((request.UserId, request.App.ToLowerInvariant()), out var stored)
                ? stored.Select(account => new ConnectedAccount { Id = account.AccountId, DisplayName = account.AccountId }).ToArray()
                : [];
            return ValueTask.FromResult<IReadOnlyList<ConnectedAccount>?>(accounts);
        }
    }

    private Credential? Find(CredentialRequest request)
    {
        lock (_gate)
        {
            if (!_accounts.TryGetValue((request.UserId, request.App.ToLowerInvariant()), out var accounts) || accounts.Count == 0)
            {
                return null;
            }

            if (request.ConnectedAccountId is null)
            {
                return accounts[0].Credential;
            }

            // A loop, not FindIndex with a lambda: its closure over the request would be allocated on every lookup.
            foreach (var (accountId, credential) in accounts)
            {
                if (accountId == request.ConnectedAccountId)
                {
                    return credential;
                }
            }

            return null;
        }
    }
}
