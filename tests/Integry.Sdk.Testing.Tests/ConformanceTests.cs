namespace Integry.Sdk.Testing.Tests;

/// <summary>The provider conformance suite passes a provider that keeps the contract and names what a naive one breaks.</summary>
public class ConformanceTests
{
    [Test]
    public Task A_compare_and_swap_provider_passes_every_check() =>
        CredentialProviderConformance.VerifyAsync(Harness(grant => new CompareAndSwapProvider(grant)));

    [TestCaseSource(typeof(CredentialProviderConformance), nameof(CredentialProviderConformance.CheckNames))]
    public Task Each_check_runs_on_its_own(string check) =>
        CredentialProviderConformance.VerifyCheckAsync(Harness(grant => new CompareAndSwapProvider(grant)), check);

    [Test]
    public async Task A_provider_that_refreshes_every_caller_fails_the_compare_and_swap_checks()
    {
        var exception = await Assert.ThrowsAsync<CredentialProviderConformanceException>(() =>
            CredentialProviderConformance.VerifyAsync(Harness(grant => new CompareAndSwapProvider(grant) { Naive = true })));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("Refresh is compare-and-swap: a stale copy gets the stored credential, no second grant: refreshing the same stale credential twice made 2 grants"));
            Assert.That(exception.Message, Does.Contain("Wrong kind: a stale credential of another kind gets the stored one, no grant"));
            Assert.That(exception.Message, Does.Not.Contain("Get returns each kind"));
        }
    }

    [Test]
    public async Task An_unknown_check_name_is_an_argument_error() =>
        await Assert.ThrowsAsync<ArgumentException>(() => CredentialProviderConformance.VerifyCheckAsync(Harness(grant => new CompareAndSwapProvider(grant)), "no such check"));

    [TestCase(0.0)]
    [TestCase(-2.0)]
    [TestCase(50 * 24 * 3600.0)]
    public void A_check_timeout_that_no_wait_takes_is_an_argument_error(double seconds)
    {
        var harness = Harness(grant => new CompareAndSwapProvider(grant), TimeSpan.FromSeconds(seconds));

        Assert.That(
            () => CredentialProviderConformance.VerifyCheckAsync(harness, CredentialProviderConformance.CheckNames[0]),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("CheckTimeout"));
    }

    [Test]
    public Task No_check_timeout_and_the_longest_one_are_taken() =>
        Task.WhenAll(
            CredentialProviderConformance.VerifyCheckAsync(Harness(grant => new CompareAndSwapProvider(grant), Timeout.InfiniteTimeSpan), CredentialProviderConformance.CheckNames[0]),
            CredentialProviderConformance.VerifyCheckAsync(Harness(grant => new CompareAndSwapProvider(grant), TimeSpan.FromDays(49)), CredentialProviderConformance.CheckNames[0]));

    private static CredentialProviderHarness<CompareAndSwapProvider> Harness(Func<RefreshGrant, CompareAndSwapProvider> create, TimeSpan? checkTimeout = null) => new()
    {
        CheckTimeout = checkTimeout ?? TimeSpan.FromSeconds(30),
        CreateProvider = grant => ValueTask.FromResult(create(grant)),
        Connect = (provider, account) =>
        {
            provider.Store(account);
            return ValueTask.CompletedTask;
        },
    };

    /// <summary>A minimal provider keeping the contract (or, when naive, granting for every caller).</summary>
    private sealed class CompareAndSwapProvider(RefreshGrant grant) : ICredentialProvider, IDisposable
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Dictionary<(string User, string App), List<Credential>> _accounts = [];

        public bool Naive { get; init; }

        public void Dispose() => _gate.Dispose();

        public void Store(ConformanceAccount account)
        {
            var stored = Copy(account.Credential, account.ConnectedAccountId);
            if (!_accounts.TryGetValue((account.UserId, account.App), out var list))
            {
                _accounts[(account.UserId, account.App)] = list = [];
            }

            list.RemoveAll(credential => credential.ConnectedAccountId == account.ConnectedAccountId);
            list.Add(stored);
        }

        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(Find(request));
        }

        public async ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential expired, CancellationToken cancellationToken = default)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var stored = Find(request);
                if (stored is null)
                {
                    return null;
                }

                if (!Naive && !ReferenceEquals(stored, expired) && !SameValue(stored, expired))
                {
                    return stored;
                }

                var fresh = await grant(request, expired, cancellationToken);
                if (fresh is null)
                {
                    return null;
                }

                var account = new ConformanceAccount(request.UserId, request.App, stored.ConnectedAccountId!, fresh);
                Store(account);
                return Find(request);
            }
            finally
            {
                _gate.Release();
            }
        }

        private Credential? Find(CredentialRequest request) =>
            _accounts.TryGetValue((request.UserId, request.App), out var list)
                ? request.ConnectedAccountId is null ? list.FirstOrDefault() : list.Find(credential => credential.ConnectedAccountId == request.ConnectedAccountId)
                : null;

        private static bool SameValue(Credential left, Credential right) => (left, right) switch
        {
            (Credential.BearerToken a, Credential.BearerToken b) => a.AccessToken == b.AccessToken,
            (Credential.ApiKey a, Credential.ApiKey b) => a.Key == b.Key,
            _ => false,
        };

        private static Credential Copy(Credential credential, string accountId) => credential switch
        {
            Credential.BearerToken bearer => new Credential.BearerToken(bearer.AccessToken, bearer.ExpiresAt) { ConnectedAccountId = accountId, Metadata = bearer.Metadata },
            Credential.ApiKey key => new Credential.ApiKey(key.Key) { ConnectedAccountId = accountId, Metadata = key.Metadata },
            Credential.Basic basic => new Credential.Basic(basic.UserName, basic.Password) { ConnectedAccountId = accountId, Metadata = basic.Metadata },
            Credential.Custom custom => new Credential.Custom { Headers = custom.Headers, QueryParameters = custom.QueryParameters, ConnectedAccountId = accountId, Metadata = custom.Metadata },
            _ => throw new ArgumentException("unknown kind", nameof(credential)),
        };
    }
}
