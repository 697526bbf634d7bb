using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>
/// An <see cref="ICredentialProvider"/> over your own <see cref="DbContext"/>: connected accounts and their credentials,
/// encrypted at rest, refreshed with compare-and-swap so that many instances (a web farm, workers, containers) over one
/// database spend a refresh token once.
/// </summary>
/// <remarks>
/// <para>Scoped, like the context it holds: create one per scope (dependency injection does, see
/// <see cref="EntityFrameworkCoreCredentialsExtensions"/>). It calls <c>SaveChanges</c> on the context, so give it a context
/// with no pending work of yours.</para>
/// <para>A refresh takes a lease on the account's row (a conditional update on <see cref="IntegryStoredCredential.Version"/>);
/// only the holder calls the <see cref="ITokenRefresher"/>, the others wait for the row to change and return what the
/// holder stored. A busy database (SQLite's "database is locked") is retried until the call's deadline.</para>
/// </remarks>
/// <typeparam name="TContext">Your context; its model must include <see cref="ModelBuilderExtensions.ApplyIntegryCredentials"/>.</typeparam>
public sealed class EntityFrameworkCoreCredentialProvider<TContext> : ICredentialProvider
    where TContext : DbContext
{
    private readonly TContext _context;
    private readonly ICredentialProtector _protector;
    private readonly ITokenRefresher? _refresher;
    // The longest delay a .NET timer takes: the lease and the poll both wait on one.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly TimeSpan _leaseDuration;
    private readonly TimeSpan _pollInterval;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the provider.</summary>
    /// <param name="context">Your context.</param>
    /// <param name="protector">Encrypts and decrypts the stored credentials.</param>
    /// <param name="refresher">Refreshes expired or refused credentials, such as an <see cref="OAuth2TokenRefresher"/>;
    /// when <see langword="null"/>, credentials are not refreshed.</param>
    /// <param name="options">Leases, polling and the clock; the defaults when <see langword="null"/>.</param>
    public EntityFrameworkCoreCredentialProvider(TContext context, ICredentialProtector protector, ITokenRefresher? refresher = null, EntityFrameworkCoreCredentialOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(protector);
        options ??= new EntityFrameworkCoreCredentialOptions();
        if (options.RefreshLeaseDuration <= TimeSpan.Zero || options.PollInterval <= TimeSpan.Zero
            || options.RefreshLeaseDuration > LongestTimer || options.PollInterval > LongestTimer)
        {
            throw new ArgumentException($"EntityFrameworkCoreCredentialOptions.RefreshLeaseDuration and PollInterval must be positive and at most {LongestTimer} (the longest a timer waits).", nameof(options));
        }

        _context = context;
        _protector = protector;
        _refresher = refresher;
        _leaseDuration = options.RefreshLeaseDuration;
        _pollInterval = options.PollInterval;
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
    }

    /// <summary>Called each time the database answered busy and the operation will be tried again (for tests and diagnostics).</summary>
    internal Action<Exception>? OnBusy { get; set; }

    /// <summary>Called each time this instance waits for another's refresh (for tests).</summary>
    internal Action? OnLeaseWait { get; set; }

    /// <inheritdoc />
    /// <remarks>Without a connected account id, the account connected first is used.</remarks>
    public async ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var account = await WhenNotBusyAsync(() => FindAccountAsync(request.UserId, request.App, request.ConnectedAccountId, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (account?.Credential is not { } row)
        {
            return null;
        }

        if (account.ReconnectRequired)
        {
            throw new ReconnectRequiredException($"The user's {account.App} account must be connected again.");
        }

        return CredentialSerializer.Read(row, _protector);
    }

    /// <inheritdoc />
    public async ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stale);
        var accountId = stale.ConnectedAccountId ?? request.ConnectedAccountId;
        var holder = Guid.NewGuid().ToString("N");
        while (true)
        {
            var account = await WhenNotBusyAsync(() => FindAccountAsync(request.UserId, request.App, accountId, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (account?.Credential is not { } row)
            {
                return null;
            }

            if (account.ReconnectRequired)
            {
                throw new ReconnectRequiredException($"The user's {account.App} account must be connected again.");
            }

            var stored = CredentialSerializer.Read(row, _protector);
            if (!stored.Equals(stale))
            {
                // Compare: another instance already stored a newer credential. It answers, and no token is spent.
                return stored;
            }

            if (_refresher is null)
            {
                return null;
            }

            var now = _timeProvider.GetUtcNow();
            if (row.RefreshLeaseHolder is not null && row.RefreshLeaseExpiresAt > now)
            {
                // Another instance is refreshing this very credential: wait for its result instead of spending the token twice.
                OnLeaseWait?.Invoke();
                await LookAgainLaterAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            var leased = await WhenNotBusyAsync(() => TryUpdateAsync(row, claimed => { claimed.RefreshLeaseHolder = holder; claimed.RefreshLeaseExpiresAt = now + _leaseDuration; }, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (leased is null)
            {
                // Someone changed the row between our read and our claim: read it again.
                continue;
            }

            return await RefreshUnderLeaseAsync(request, account, leased, stored, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Connects an account of an app for a user, or replaces the credential of an account already connected
    /// (which also clears <see cref="IntegryConnectedAccount.ReconnectRequired"/>).</summary>
    /// <param name="userId">The end user.</param>
    /// <param name="app">The app's slug, such as <c>slack</c>.</param>
    /// <param name="credential">The credential.</param>
    /// <param name="connectedAccountId">The account's id; a new id when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The connected account's id.</returns>
    public async Task<string> ConnectAsync(string userId, string app, Credential credential, string? connectedAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        ArgumentNullException.ThrowIfNull(credential);
        if (connectedAccountId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(connectedAccountId);
        }

        var id = connectedAccountId ?? Guid.NewGuid().ToString("N");
        var slug = app.ToLowerInvariant();
        await WhenNotBusyAsync(
            async () =>
            {
                var existing = await _context.Set<IntegryConnectedAccount>().AsNoTracking().Include(a => a.Credential)
                    .SingleOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false);
                if (existing is not null && (existing.UserId != userId || existing.App != slug))
                {
                    throw new ArgumentException($"The connected account id '{id}' belongs to another user or app.", nameof(connectedAccountId));
                }

                var now = _timeProvider.GetUtcNow().ToUniversalTime();
                var account = existing ?? new IntegryConnectedAccount { Id = id, UserId = userId, App = slug, ConnectedAt = now };
                var row = existing?.Credential ?? new IntegryStoredCredential { ConnectedAccountId = id };
                DetachTracked(id);
                var entry = existing is null ? _context.Add(account) : _context.Attach(account);
                var rowEntry = existing?.Credential is null ? _context.Add(row) : _context.Attach(row);
                try
                {
                    account.ReconnectRequired = false;
                    account.Credential = row;
                    CredentialSerializer.Write(row, credential.WithConnectedAccountId(id), _protector);
                    row.RefreshLeaseHolder = null;
                    row.RefreshLeaseExpiresAt = null;
                    row.UpdatedAt = now;
                    row.Version++;
                    await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }
                finally
                {
                    entry.State = EntityState.Detached;
                    rowEntry.State = EntityState.Detached;
                }
            },
            cancellationToken).ConfigureAwait(false);
        return id;
    }

    /// <summary>Disconnects one account, or every account of the app when <paramref name="connectedAccountId"/> is <see langword="null"/>.</summary>
    /// <param name="userId">The end user.</param>
    /// <param name="app">The app's slug.</param>
    /// <param name="connectedAccountId">The account to remove; every account of the app when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see langword="true"/> when something was removed.</returns>
    public async Task<bool> DisconnectAsync(string userId, string app, string? connectedAccountId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(app);
        var slug = app.ToLowerInvariant();
        return await WhenNotBusyAsync(
            async () =>
            {
                var accounts = await _context.Set<IntegryConnectedAccount>().Include(a => a.Credential)
                    .Where(a => a.UserId == userId && a.App == slug && (connectedAccountId == null || a.Id == connectedAccountId))
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                if (accounts.Count == 0)
                {
                    return false;
                }

                _context.RemoveRange(accounts);
                try
                {
                    await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    return true;
                }
                finally
                {
                    foreach (var account in accounts)
                    {
                        _context.Entry(account).State = EntityState.Detached;
                        if (account.Credential is { } credential)
                        {
                            _context.Entry(credential).State = EntityState.Detached;
                        }
                    }
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<Credential?> RefreshUnderLeaseAsync(CredentialRequest request, IntegryConnectedAccount account, IntegryStoredCredential leased, Credential stale, CancellationToken cancellationToken)
    {
        Credential? fresh;
        try
        {
            fresh = await _refresher!.RefreshAsync(request, stale, cancellationToken).ConfigureAwait(false);
        }
        catch (ReconnectRequiredException)
        {
            // If our lease lapsed while we waited and another instance refreshed first, our refresh token was already
            // rotated: theirs is the answer, and the grant is fine.
            if (await StoredNowAsync(request, leased.ConnectedAccountId, cancellationToken).ConfigureAwait(false) is { } newer && !newer.Equals(stale))
            {
                return newer;
            }

            // The grant is gone: every instance must stop trying and ask the user to reconnect. Marked in one transaction
            // with giving the lease back, and only while the row is still the one we leased: if our lease lapsed and the
            // instance that took it over stored a refreshed token meanwhile, the account is fine and is not marked.
            await ReleaseAsync(leased, reconnectAccount: account).ConfigureAwait(false);
            throw;
        }
        catch
        {
            await ReleaseAsync(leased, reconnectAccount: null).ConfigureAwait(false);
            throw;
        }

        if (fresh is null)
        {
            await ReleaseAsync(leased, reconnectAccount: null).ConfigureAwait(false);
            return null;
        }

        // Swap: store ours only while the stored credential is still the stale one. Compared by value rather than by the
        // lease's version, so a lease that lapsed under load (another instance took it over, found nothing to do) does
        // not throw away a token the server has already rotated. The same transaction clears a reconnection mark: an
        // instance that took over a lapsed lease may have been refused our already-rotated refresh token and marked the
        // account, but the token we store works.
        var refreshed = fresh.WithConnectedAccountId(leased.ConnectedAccountId);
        var current = leased;
        while (true)
        {
            var swapped = await WhenNotBusyAsync(
                () => TryUpdateAsync(
                    current,
                    row =>
                    {
                        CredentialSerializer.Write(row, refreshed, _protector);
                        row.RefreshLeaseHolder = null;
                        row.RefreshLeaseExpiresAt = null;
                        row.UpdatedAt = _timeProvider.GetUtcNow().ToUniversalTime();
                    },
                    cancellationToken,
                    account,
                    reconnectRequired: false),
                cancellationToken).ConfigureAwait(false);
            if (swapped is not null)
            {
                return CredentialSerializer.Read(swapped, _protector);
            }

            var now = await WhenNotBusyAsync(() => FindAccountAsync(request.UserId, request.App, leased.ConnectedAccountId, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (now?.Credential is not { } row)
            {
                return null;
            }

            var stored = CredentialSerializer.Read(row, _protector);
            if (!stored.Equals(stale))
            {
                // Another instance stored first: theirs wins, ours is discarded.
                return stored;
            }

            current = row;
        }
    }

    private async Task<Credential?> StoredNowAsync(CredentialRequest request, string accountId, CancellationToken cancellationToken)
    {
        var account = await WhenNotBusyAsync(() => FindAccountAsync(request.UserId, request.App, accountId, cancellationToken), cancellationToken).ConfigureAwait(false);
        return account?.Credential is { } row ? CredentialSerializer.Read(row, _protector) : null;
    }

    /// <summary>
    /// Gives the lease back (best effort: if it fails the lease lapses by itself) and, when asked, marks the account for
    /// reconnection in the same transaction; neither happens if the row changed since it was leased.
    /// </summary>
    private async Task ReleaseAsync(IntegryStoredCredential leased, IntegryConnectedAccount? reconnectAccount)
    {
        // Not the caller's token, and real time (see LookAgainLaterAsync): a cancelled call must still leave the row
        // usable by the others.
        using var limit = new CancellationTokenSource(_leaseDuration, TimeProvider.System);
        try
        {
            await WhenNotBusyAsync(
                () => TryUpdateAsync(leased, row => { row.RefreshLeaseHolder = null; row.RefreshLeaseExpiresAt = null; }, limit.Token, reconnectAccount, reconnectRequired: true),
                limit.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or DbUpdateException or InvalidOperationException)
        {
            // The lease lapses on its own after RefreshLeaseDuration.
        }
    }

    private async Task<IntegryConnectedAccount?> FindAccountAsync(string userId, string app, string? accountId, CancellationToken cancellationToken)
    {
        var slug = app.ToLowerInvariant();
        var query = _context.Set<IntegryConnectedAccount>().AsNoTracking().Include(a => a.Credential).Where(a => a.UserId == userId && a.App == slug);
        if (accountId is not null)
        {
            return await query.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken).ConfigureAwait(false);
        }

        // Ordered here rather than in SQL: SQLite cannot order by a DateTimeOffset column, and a user has few accounts per app.
        var accounts = await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        return accounts.OrderBy(a => a.ConnectedAt).ThenBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>
    /// Changes a credential row only if it still has the version that was read (compare-and-swap on the concurrency
    /// token), and bumps the version; when <paramref name="account"/> is given, sets its
    /// <see cref="IntegryConnectedAccount.ReconnectRequired"/> in the same transaction. Returns the row as written, or
    /// <see langword="null"/> when another writer came first (and then nothing was written).
    /// </summary>
    private async Task<IntegryStoredCredential?> TryUpdateAsync(IntegryStoredCredential read, Action<IntegryStoredCredential> change, CancellationToken cancellationToken, IntegryConnectedAccount? account = null, bool reconnectRequired = false)
    {
        var row = new IntegryStoredCredential
        {
            ConnectedAccountId = read.ConnectedAccountId,
            Kind = read.Kind,
            ProtectedValue = read.ProtectedValue,
            ExpiresAt = read.ExpiresAt,
            Version = read.Version,
            RefreshLeaseHolder = read.RefreshLeaseHolder,
            RefreshLeaseExpiresAt = read.RefreshLeaseExpiresAt,
            UpdatedAt = read.UpdatedAt,
        };
        DetachTracked(row.ConnectedAccountId);
        var entry = _context.Attach(row);
        var accountEntry = account is null
            ? null
            : _context.Attach(new IntegryConnectedAccount { Id = account.Id, UserId = account.UserId, App = account.App, ConnectedAt = account.ConnectedAt, ReconnectRequired = reconnectRequired });
        try
        {
            change(row);
            row.Version = read.Version + 1;
            if (accountEntry is not null)
            {
                // Written whatever was read: another instance may have changed the mark since.
                accountEntry.Property(a => a.ReconnectRequired).IsModified = true;
            }

            await _context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return row;
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }
        finally
        {
            entry.State = EntityState.Detached;
            if (accountEntry is not null)
            {
                accountEntry.State = EntityState.Detached;
            }
        }
    }

    /// <summary>Lets go of an entity the context already tracks under the same key, so the store's own copy can be attached.</summary>
    private void DetachTracked(string id)
    {
        foreach (var tracked in _context.ChangeTracker.Entries<IntegryStoredCredential>().Where(e => e.Entity.ConnectedAccountId == id).ToList())
        {
            tracked.State = EntityState.Detached;
        }

        foreach (var tracked in _context.ChangeTracker.Entries<IntegryConnectedAccount>().Where(e => e.Entity.Id == id).ToList())
        {
            tracked.State = EntityState.Detached;
        }
    }

    /// <summary>
    /// Waits <see cref="EntityFrameworkCoreCredentialOptions.PollInterval"/> before looking at the database again. Real
    /// time, not <see cref="EntityFrameworkCoreCredentialOptions.TimeProvider"/>: the wait is only a pace for looking again
    /// (for another instance's refresh, or a busy database), and an app whose clock is virtual (a FakeTimeProvider in its
    /// tests) must not stall every waiting call until someone moves it. Leases are still stamped and judged on that clock.
    /// </summary>
    private Task LookAgainLaterAsync(CancellationToken cancellationToken) =>
        Task.Delay(_pollInterval, TimeProvider.System, cancellationToken);

    /// <summary>Runs a database operation again while the database answers busy (SQLite's "database is locked"), until the deadline.</summary>
    private async Task<T> WhenNotBusyAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        while (true)
        {
            Exception busy;
            try
            {
                return await operation().ConfigureAwait(false);
            }
            catch (Exception exception) when (StoreErrors.IsBusy(exception) && !cancellationToken.IsCancellationRequested)
            {
                busy = exception;
            }

            OnBusy?.Invoke(busy);
            try
            {
                await LookAgainLaterAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException canceled)
            {
                throw new OperationCanceledException(
                    string.Create(CultureInfo.InvariantCulture, $"The credential store stayed busy (database is locked) until the call's deadline: {busy.Message}"),
                    busy,
                    canceled.CancellationToken);
            }
        }
    }
}
