using System.Globalization;

namespace Integry.Sdk.Testing;

/// <summary>
/// Checks that an <see cref="ICredentialProvider"/> keeps the contract the executor relies on: get by account, not
/// connected, every credential kind kept as stored, and refresh as compare-and-swap (one grant however many callers,
/// instances or stale copies race; a stale credential of another kind is never refreshed).
/// </summary>
/// <remarks>
/// Framework-neutral: a failed check throws <see cref="CredentialProviderConformanceException"/>, which every test
/// framework reports as a failure. From NUnit, one test runs them all:
/// <code>[Test] public Task Conforms() => CredentialProviderConformance.VerifyAsync(harness);</code>
/// or one test per check with <c>[TestCaseSource(typeof(CredentialProviderConformance), nameof(CredentialProviderConformance.CheckNames))]</c>
/// and <see cref="VerifyCheckAsync{TProvider}(CredentialProviderHarness{TProvider}, string, CancellationToken)"/>.
/// </remarks>
public static class CredentialProviderConformance
{
    private const string App = "conformance-app";

    private static readonly (string Name, Func<Context, Task> Run)[] Checks =
    [
        ("Get returns each kind of credential as stored", GetReturnsEachKindAsync),
        ("Get names the connected account on the credential", GetNamesTheAccountAsync),
        ("Get without an account id returns one of the user's accounts", GetDefaultAccountAsync),
        ("Not connected: unknown user, app or account, or another user's account, is null", NotConnectedAsync),
        ("Get honours cancellation", GetHonoursCancellationAsync),
        ("Refresh stores the new credential", RefreshStoresAsync),
        ("Refresh is compare-and-swap: a stale copy gets the stored credential, no second grant", RefreshIsCompareAndSwapAsync),
        ("Concurrent refreshes of one stale credential make one grant", ConcurrentRefreshesAsync),
        ("Wrong kind: a stale credential of another kind gets the stored one, no grant", WrongKindStaleAsync),
        ("Wrong kind: a credential that cannot be refreshed gives null and stays stored", WrongKindUnrefreshableAsync),
        ("Refresh of an account not connected gives null, no grant", RefreshNotConnectedAsync),
        ("A refused grant (invalid_grant) gives null", RefusedGrantAsync),
    ];

    /// <summary>Gets the names of the checks, for one test case per check.</summary>
    public static IReadOnlyList<string> CheckNames { get; } = Checks.Select(check => check.Name).ToArray();

    // What Task.WaitAsync takes, with a margin: a check's timeout past it would throw at the first check.
    private static readonly TimeSpan LongestCheckTimeout = TimeSpan.FromDays(49);

    /// <summary>Runs every check and fails with all failures listed.</summary>
    /// <typeparam name="TProvider">The provider's type.</typeparam>
    /// <param name="harness">How to create and fill the provider.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>A task that completes when every check passed.</returns>
    /// <exception cref="CredentialProviderConformanceException">At least one check failed.</exception>
    public static async Task VerifyAsync<TProvider>(CredentialProviderHarness<TProvider> harness, CancellationToken cancellationToken = default)
        where TProvider : ICredentialProvider
    {
        ArgumentNullException.ThrowIfNull(harness);
        var failures = new List<string>();
        foreach (var (name, _) in Checks)
        {
            try
            {
                await VerifyCheckAsync(harness, name, cancellationToken).ConfigureAwait(false);
            }
            catch (CredentialProviderConformanceException exception)
            {
                failures.Add(exception.Message);
            }
        }

        if (failures.Count > 0)
        {
            throw new CredentialProviderConformanceException(
                string.Create(CultureInfo.InvariantCulture, $"{failures.Count} of {Checks.Length} credential provider checks failed:{Environment.NewLine}- ")
                + string.Join(Environment.NewLine + "- ", failures));
        }
    }

    /// <summary>Runs one check, by its name in <see cref="CheckNames"/>.</summary>
    /// <typeparam name="TProvider">The provider's type.</typeparam>
    /// <param name="harness">How to create and fill the provider.</param>
    /// <param name="checkName">The check.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>A task that completes when the check passed.</returns>
    /// <exception cref="CredentialProviderConformanceException">The check failed.</exception>
    public static async Task VerifyCheckAsync<TProvider>(CredentialProviderHarness<TProvider> harness, string checkName, CancellationToken cancellationToken = default)
        where TProvider : ICredentialProvider
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(checkName);
        ArgumentOutOfRangeException.ThrowIfLessThan(harness.Concurrency, 2, nameof(harness));
        if (harness.CheckTimeout != Timeout.InfiniteTimeSpan && (harness.CheckTimeout <= TimeSpan.Zero || harness.CheckTimeout > LongestCheckTimeout))
        {
            // Task.WaitAsync takes up to about 49.7 days, or Timeout.InfiniteTimeSpan for none.
            throw new ArgumentOutOfRangeException(nameof(harness), harness.CheckTimeout, "CredentialProviderHarness.CheckTimeout must be positive and at most 49 days, or Timeout.InfiniteTimeSpan.");
        }

        var check = Array.Find(Checks, check => check.Name == checkName);
        if (check.Run is null)
        {
            throw new ArgumentException($"There is no check named '{checkName}'.", nameof(checkName));
        }

        var context = new Context(new HarnessAdapter<TProvider>(harness), harness.Concurrency, cancellationToken);
        try
        {
            await check.Run(context).WaitAsync(harness.CheckTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialProviderConformanceException exception)
        {
            throw new CredentialProviderConformanceException($"{checkName}: {exception.Message}", exception);
        }
        catch (TimeoutException exception)
        {
            throw new CredentialProviderConformanceException($"{checkName}: did not finish within {harness.CheckTimeout} (a deadlock or a lost wake-up?).", exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new CredentialProviderConformanceException($"{checkName}: the provider threw {exception.GetType().Name}: {exception.Message}", exception);
        }
    }

    private static async Task GetReturnsEachKindAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["subdomain"] = "acme" };
        Credential[] credentials =
        [
            new Credential.BearerToken("bearer-value", DateTimeOffset.UnixEpoch.AddYears(60)) { Metadata = metadata },
            new Credential.ApiKey("api-key-value") { Metadata = metadata },
            new Credential.Basic("basic-user", "basic-password") { Metadata = metadata },
            new Credential.Custom
            {
                Headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["X-Custom"] = "custom-value" },
                QueryParameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["token"] = "query-value" },
                Metadata = metadata,
            },
        ];
        for (var i = 0; i < credentials.Length; i++)
        {
            await context.ConnectAsync(provider, new ConformanceAccount("user-kinds", $"{App}-{i}", $"account-{i}", credentials[i])).ConfigureAwait(false);
        }

        for (var i = 0; i < credentials.Length; i++)
        {
            var stored = await provider.GetCredentialAsync(Request("user-kinds", $"account-{i}", $"{App}-{i}"), context.CancellationToken).ConfigureAwait(false);
            Expect(stored is not null, $"a stored {credentials[i].GetType().Name} came back null");
            var difference = CredentialComparison.Difference(credentials[i], stored!);
            Expect(difference is null, $"a stored {credentials[i].GetType().Name} came back different: {difference}");
        }
    }

    private static async Task GetNamesTheAccountAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        await context.ConnectAsync(provider, new ConformanceAccount("user-named", App, "account-a", new Credential.BearerToken("token-a"))).ConfigureAwait(false);
        await context.ConnectAsync(provider, new ConformanceAccount("user-named", App, "account-b", new Credential.BearerToken("token-b"))).ConfigureAwait(false);
        var byId = await provider.GetCredentialAsync(Request("user-named", "account-b"), context.CancellationToken).ConfigureAwait(false);
        Expect(byId is Credential.BearerToken { AccessToken: "token-b" }, "asking for account-b did not return account-b's credential");
        Expect(byId!.ConnectedAccountId == "account-b", $"the credential names account '{byId.ConnectedAccountId}', not 'account-b' (the executor refreshes the account the credential names)");
    }

    private static async Task GetDefaultAccountAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        await context.ConnectAsync(provider, new ConformanceAccount("user-default", App, "account-a", new Credential.BearerToken("token-a"))).ConfigureAwait(false);
        await context.ConnectAsync(provider, new ConformanceAccount("user-default", App, "account-b", new Credential.BearerToken("token-b"))).ConfigureAwait(false);
        var chosen = await provider.GetCredentialAsync(Request("user-default", null), context.CancellationToken).ConfigureAwait(false);
        Expect(chosen is Credential.BearerToken { AccessToken: "token-a" or "token-b" }, "without an account id the user's connected account was not found");
    }

    private static async Task NotConnectedAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        await context.ConnectAsync(provider, new ConformanceAccount("user-owner", App, "account-owned", new Credential.BearerToken("owned-token"))).ConfigureAwait(false);
        (CredentialRequest Request, string What)[] cases =
        [
            (Request("user-stranger", null), "a user who connected nothing"),
            (Request("user-owner", null, "another-app"), "an app the user did not connect"),
            (Request("user-owner", "account-missing"), "an account id the user does not have"),
            (Request("user-stranger", "account-owned"), "another user's account id"),
        ];
        foreach (var (request, what) in cases)
        {
            var credential = await provider.GetCredentialAsync(request, context.CancellationToken).ConfigureAwait(false);
            Expect(credential is null, $"{what} returned a credential instead of null");
        }
    }

    private static async Task GetHonoursCancellationAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        await context.ConnectAsync(provider, new ConformanceAccount("user-cancel", App, "account-1", new Credential.BearerToken("token"))).ConfigureAwait(false);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync().ConfigureAwait(false);
        try
        {
            await provider.GetCredentialAsync(Request("user-cancel", "account-1"), cancelled.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Fail("a lookup with a cancelled token completed instead of throwing OperationCanceledException");
    }

    private static async Task RefreshStoresAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        var stale = await context.ConnectStaleAsync(provider, "user-refresh").ConfigureAwait(false);
        var fresh = await provider.RefreshCredentialAsync(Request("user-refresh", "account-1"), stale, context.CancellationToken).ConfigureAwait(false);
        Expect(context.Grants == 1, $"one refresh made {context.Grants} grants");
        Expect(fresh is Credential.BearerToken { AccessToken: var token } && token.StartsWith("granted-", StringComparison.Ordinal), "the refresh did not return the granted credential");
        var stored = await provider.GetCredentialAsync(Request("user-refresh", "account-1"), context.CancellationToken).ConfigureAwait(false);
        Expect(stored is Credential.BearerToken { AccessToken: var storedToken } && storedToken == ((Credential.BearerToken)fresh!).AccessToken, "after the refresh the store does not hold the granted credential");
    }

    private static async Task RefreshIsCompareAndSwapAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        var stale = await context.ConnectStaleAsync(provider, "user-cas").ConfigureAwait(false);
        var first = await provider.RefreshCredentialAsync(Request("user-cas", "account-1"), stale, context.CancellationToken).ConfigureAwait(false);
        var second = await provider.RefreshCredentialAsync(Request("user-cas", "account-1"), stale, context.CancellationToken).ConfigureAwait(false);
        Expect(context.Grants == 1, $"refreshing the same stale credential twice made {context.Grants} grants (the second caller must get the stored credential; with rotating refresh tokens a second grant is refused and the user is logged out)");
        Expect(SameToken(first, second), "the second refresh of the same stale credential did not return the credential the first one stored");
    }

    private static async Task ConcurrentRefreshesAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        var peer = await context.CreatePeerAsync(provider).ConfigureAwait(false);
        var stale = await context.ConnectStaleAsync(provider, "user-race").ConfigureAwait(false);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, context.Concurrency).Select(async i =>
        {
            await start.Task.ConfigureAwait(false);
            var instance = i % 2 == 0 ? provider : peer;
            return await instance.RefreshCredentialAsync(Request("user-race", "account-1"), stale, context.CancellationToken).ConfigureAwait(false);
        }).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(racers).ConfigureAwait(false);
        Expect(context.Grants == 1, string.Create(CultureInfo.InvariantCulture, $"{context.Concurrency} concurrent refreshes of one stale credential made {context.Grants} grants, not 1"));
        var stored = await provider.GetCredentialAsync(Request("user-race", "account-1"), context.CancellationToken).ConfigureAwait(false);
        var losers = results.Count(result => !SameToken(result, stored));
        Expect(losers == 0, string.Create(CultureInfo.InvariantCulture, $"{losers} of {context.Concurrency} concurrent refreshes did not return the stored credential"));
    }

    private static async Task WrongKindStaleAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        await context.ConnectAsync(provider, new ConformanceAccount("user-kind", App, "account-1", new Credential.BearerToken("current-token"))).ConfigureAwait(false);
        var result = await provider.RefreshCredentialAsync(Request("user-kind", "account-1"), new Credential.ApiKey("old-key") { ConnectedAccountId = "account-1" }, context.CancellationToken).ConfigureAwait(false);
        Expect(context.Grants == 0, "a stale credential of another kind than the stored one was refreshed (a grant was made)");
        Expect(result is Credential.BearerToken { AccessToken: "current-token" }, "a stale credential of another kind did not get the stored credential back");
    }

    private static async Task WrongKindUnrefreshableAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        var key = new Credential.ApiKey("static-key");
        await context.ConnectAsync(provider, new ConformanceAccount("user-apikey", App, "account-1", key)).ConfigureAwait(false);
        var stored = await provider.GetCredentialAsync(Request("user-apikey", "account-1"), context.CancellationToken).ConfigureAwait(false);
        var result = await provider.RefreshCredentialAsync(Request("user-apikey", "account-1"), stored ?? key, context.CancellationToken).ConfigureAwait(false);
        Expect(result is null, "refreshing an API key (which no grant can renew) did not give null");
        var after = await provider.GetCredentialAsync(Request("user-apikey", "account-1"), context.CancellationToken).ConfigureAwait(false);
        Expect(after is Credential.ApiKey { Key: "static-key" }, "after a refresh that could not happen the stored API key is gone or changed");
    }

    private static async Task RefreshNotConnectedAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        var result = await provider.RefreshCredentialAsync(Request("user-nobody", "account-1"), new Credential.BearerToken("stale-token") { ConnectedAccountId = "account-1" }, context.CancellationToken).ConfigureAwait(false);
        Expect(result is null, "refreshing an account that is not connected returned a credential");
        Expect(context.Grants == 0, "refreshing an account that is not connected made a grant");
    }

    private static async Task RefusedGrantAsync(Context context)
    {
        var provider = await context.CreateAsync().ConfigureAwait(false);
        await context.ConnectAsync(provider, new ConformanceAccount("user-refused", App, "account-1", new Credential.BearerToken(Context.RefusedPrefix + "token", DateTimeOffset.UnixEpoch))).ConfigureAwait(false);
        var stale = await provider.GetCredentialAsync(Request("user-refused", "account-1"), context.CancellationToken).ConfigureAwait(false);
        Expect(stale is not null, "the connected account was not found");
        var result = await provider.RefreshCredentialAsync(Request("user-refused", "account-1"), stale!, context.CancellationToken).ConfigureAwait(false);
        Expect(result is null, "a refused grant (invalid_grant) did not give null");
    }

    private static CredentialRequest Request(string userId, string? accountId, string app = App) =>
        new() { UserId = userId, App = app, ConnectedAccountId = accountId };

    private static bool SameToken(Credential? left, Credential? right) =>
        left is Credential.BearerToken { AccessToken: var a } && right is Credential.BearerToken { AccessToken: var b } && a == b;

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            Fail(failure);
        }
    }

    private static void Fail(string failure) => throw new CredentialProviderConformanceException(failure);

    /// <summary>One check's world: a grant counter and the harness, type-erased.</summary>
    private sealed class Context(IHarness harness, int concurrency, CancellationToken cancellationToken)
    {
        public const string RefusedPrefix = "refused-";

        private int _grants;

        public int Concurrency => concurrency;

        public CancellationToken CancellationToken => cancellationToken;

        public int Grants => Volatile.Read(ref _grants);

        public ValueTask<ICredentialProvider> CreateAsync() => harness.CreateAsync(GrantAsync);

        public ValueTask<ICredentialProvider> CreatePeerAsync(ICredentialProvider first) => harness.CreatePeerAsync(first, GrantAsync);

        public ValueTask ConnectAsync(ICredentialProvider provider, ConformanceAccount account) => harness.ConnectAsync(provider, account);

        public async Task<Credential> ConnectStaleAsync(ICredentialProvider provider, string userId)
        {
            await ConnectAsync(provider, new ConformanceAccount(userId, App, "account-1", new Credential.BearerToken("stale-token", DateTimeOffset.UnixEpoch))).ConfigureAwait(false);
            return await provider.GetCredentialAsync(Request(userId, "account-1"), cancellationToken).ConfigureAwait(false)
                ?? throw new CredentialProviderConformanceException("a connected account was not found right after it was connected");
        }

        private async ValueTask<Credential?> GrantAsync(CredentialRequest request, Credential stale, CancellationToken token)
        {
            // Yield a few times, so racing refreshes overlap the grant as they would a token endpoint's round trip.
            for (var i = 0; i < 8; i++)
            {
                await Task.Yield();
            }

            if (stale is not Credential.BearerToken bearer || bearer.AccessToken.StartsWith(RefusedPrefix, StringComparison.Ordinal))
            {
                return null;
            }

            var n = Interlocked.Increment(ref _grants);
            return new Credential.BearerToken(string.Create(CultureInfo.InvariantCulture, $"granted-{n}"), DateTimeOffset.UtcNow.AddHours(1))
            {
                ConnectedAccountId = stale.ConnectedAccountId ?? request.ConnectedAccountId,
                Metadata = stale.Metadata,
            };
        }
    }

    private interface IHarness
    {
        ValueTask<ICredentialProvider> CreateAsync(RefreshGrant grant);

        ValueTask<ICredentialProvider> CreatePeerAsync(ICredentialProvider first, RefreshGrant grant);

        ValueTask ConnectAsync(ICredentialProvider provider, ConformanceAccount account);
    }

    private sealed class HarnessAdapter<TProvider>(CredentialProviderHarness<TProvider> harness) : IHarness
        where TProvider : ICredentialProvider
    {
        public async ValueTask<ICredentialProvider> CreateAsync(RefreshGrant grant) => await harness.CreateProvider(grant).ConfigureAwait(false);

        public async ValueTask<ICredentialProvider> CreatePeerAsync(ICredentialProvider first, RefreshGrant grant) =>
            harness.CreatePeer is { } createPeer ? await createPeer((TProvider)first, grant).ConfigureAwait(false) : first;

        public ValueTask ConnectAsync(ICredentialProvider provider, ConformanceAccount account) => harness.Connect((TProvider)provider, account);
    }
}
