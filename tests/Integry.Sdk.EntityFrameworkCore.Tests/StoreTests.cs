using Integry.Sdk.EntityFrameworkCore.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Integry.Sdk.EntityFrameworkCore.Tests;

public class StoreTests
{
    [TestCase(0, 25)]
    [TestCase(30_000, 0)]
    [TestCase(50L * 24 * 3600 * 1000, 25)]
    [TestCase(30_000, 50L * 24 * 3600 * 1000)]
    public void Lease_and_poll_times_a_timer_cannot_take_are_an_ArgumentException(long leaseMilliseconds, long pollMilliseconds)
    {
        using var rig = new StoreRig();
        var options = new EntityFrameworkCoreCredentialOptions { RefreshLeaseDuration = TimeSpan.FromMilliseconds(leaseMilliseconds), PollInterval = TimeSpan.FromMilliseconds(pollMilliseconds) };

        var exception = Assert.Throws<ArgumentException>(() => new EntityFrameworkCoreCredentialProvider<TestDbContext>(rig.NewContext(), rig.Protector, null, options));

        Assert.That(exception!.Message, Does.StartWith("EntityFrameworkCoreCredentialOptions.RefreshLeaseDuration and PollInterval must be positive and at most 49.17:02:47.2940000"));
    }

    [Test]
    public async Task Credentials_are_stored_encrypted_and_read_back_equal()
    {
        using var rig = new StoreRig();
        var store = rig.NewStore();
        var original = new Credential.BearerToken("secret-access-token", new DateTimeOffset(2030, 1, 1, 1, 0, 0, TimeSpan.Zero))
        {
            RefreshToken = "secret-refresh-token",
            Metadata = new Dictionary<string, string> { ["instance"] = "eu1" },
        };

        var id = await store.ConnectAsync("user-1", "FarmApp", original, "acct-1");
        var read = await rig.NewStore().GetCredentialAsync(StoreRig.Request(null));
        await using var context = rig.NewContext();
        var row = await context.Set<IntegryStoredCredential>().AsNoTracking().SingleAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(id, Is.EqualTo("acct-1"));
            Assert.That(read, Is.EqualTo(original.WithConnectedAccountId("acct-1")));
            Assert.That(row.ProtectedValue, Does.Not.Contain("secret"), "encrypted at rest");
            Assert.That(row.Kind, Is.EqualTo("bearer"));
            Assert.That(row.Version, Is.EqualTo(1));
        }
    }

    [TestCaseSource(nameof(EveryKind))]
    public async Task Every_kind_of_credential_round_trips(Credential credential)
    {
        using var rig = new StoreRig();
        await rig.NewStore().ConnectAsync("user-1", "farmapp", credential, "acct-1");

        Assert.That(await rig.NewStore().GetCredentialAsync(StoreRig.Request()), Is.EqualTo(credential.WithConnectedAccountId("acct-1")));
    }

    [Test]
    public async Task The_first_connected_account_is_the_default_and_disconnect_removes_it()
    {
        using var rig = new StoreRig();
        var store = rig.NewStore();
        await store.ConnectAsync("user-1", "farmapp", new Credential.ApiKey("first"), "b-first");
        await store.ConnectAsync("user-1", "farmapp", new Credential.ApiKey("second"), "a-second");

        var before = await store.GetCredentialAsync(StoreRig.Request(null));
        var removed = await store.DisconnectAsync("user-1", "farmapp", "b-first");
        var after = await store.GetCredentialAsync(StoreRig.Request(null));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before?.ConnectedAccountId, Is.EqualTo("b-first"));
            Assert.That(removed, Is.True);
            Assert.That(after?.ConnectedAccountId, Is.EqualTo("a-second"));
            Assert.That(await store.GetCredentialAsync(new CredentialRequest { UserId = "someone-else", App = "farmapp" }), Is.Null);
        }
    }

    [Test]
    public async Task A_stale_credential_already_replaced_gets_the_stored_one_without_a_refresh()
    {
        using var rig = new StoreRig();
        var refresher = new GatedRefresher();
        refresher.Release.SetResult();
        var store = rig.NewStore(refresher);
        await store.ConnectAsync("user-1", "farmapp", new Credential.BearerToken("at-0") { RefreshToken = "rt-0" }, "acct-1");
        var stale = (await store.GetCredentialAsync(StoreRig.Request()))!;
        await store.ConnectAsync("user-1", "farmapp", new Credential.BearerToken("at-1") { RefreshToken = "rt-1" }, "acct-1");

        var answer = await rig.NewStore(refresher).RefreshCredentialAsync(StoreRig.Request(), stale);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Credential.BearerToken)answer!).AccessToken, Is.EqualTo("at-1"));
            Assert.That(refresher.Calls, Is.Zero, "no token spent");
        }
    }

    [Test]
    public async Task Two_stores_refreshing_the_same_stale_credential_call_the_refresher_once()
    {
        using var rig = new StoreRig();
        var refresher = new GatedRefresher { Answer = _ => new Credential.BearerToken("at-1") { RefreshToken = "rt-1" } };
        await rig.NewStore().ConnectAsync("user-1", "farmapp", new Credential.BearerToken("at-0") { RefreshToken = "rt-0" }, "acct-1");
        var stale = (await rig.NewStore().GetCredentialAsync(StoreRig.Request()))!;
        var first = rig.NewStore(refresher);
        var second = rig.NewStore(refresher);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        second.OnLeaseWait = () => waiting.TrySetResult();

        var one = first.RefreshCredentialAsync(StoreRig.Request(), stale).AsTask();
        await refresher.Entered.Task;
        var two = second.RefreshCredentialAsync(StoreRig.Request(), stale).AsTask();
        await waiting.Task;
        refresher.Release.SetResult();
        var answers = await Task.WhenAll(one, two);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refresher.Calls, Is.EqualTo(1));
            Assert.That(answers.Select(a => ((Credential.BearerToken)a!).AccessToken), Is.All.EqualTo("at-1"));
            Assert.That(answers.Select(a => ((Credential.BearerToken)a!).RefreshToken), Is.All.EqualTo("rt-1"));
        }
    }

    [Test]
    public async Task A_refresher_that_fails_gives_the_lease_back_and_the_next_refresh_runs()
    {
        using var rig = new StoreRig();
        var calls = 0;
        var refresher = new FuncRefresher((_, _) =>
        {
            calls++;
            return calls == 1 ? throw new HttpRequestException("token endpoint down") : new Credential.BearerToken("at-1");
        });
        await rig.NewStore().ConnectAsync("user-1", "farmapp", new Credential.BearerToken("at-0") { RefreshToken = "rt-0" }, "acct-1");
        var stale = (await rig.NewStore().GetCredentialAsync(StoreRig.Request()))!;

        Assert.That(async () => await rig.NewStore(refresher).RefreshCredentialAsync(StoreRig.Request(), stale), Throws.TypeOf<HttpRequestException>());
        var answer = await rig.NewStore(refresher).RefreshCredentialAsync(StoreRig.Request(), stale);

        Assert.That(((Credential.BearerToken)answer!).AccessToken, Is.EqualTo("at-1"));
    }

    [Test]
    public async Task Invalid_grant_marks_the_account_for_reconnection_for_every_instance()
    {
        using var rig = new StoreRig();
        var refresher = new FuncRefresher((_, _) => throw new ReconnectRequiredException("invalid_grant"));
        await rig.NewStore().ConnectAsync("user-1", "farmapp", new Credential.BearerToken("at-0") { RefreshToken = "rt-0" }, "acct-1");
        var stale = (await rig.NewStore().GetCredentialAsync(StoreRig.Request()))!;

        Assert.That(async () => await rig.NewStore(refresher).RefreshCredentialAsync(StoreRig.Request(), stale), Throws.TypeOf<ReconnectRequiredException>());
        Assert.That(async () => await rig.NewStore().GetCredentialAsync(StoreRig.Request()), Throws.TypeOf<ReconnectRequiredException>(), "another instance's lookup");

        await rig.NewStore().ConnectAsync("user-1", "farmapp", new Credential.BearerToken("at-new") { RefreshToken = "rt-new" }, "acct-1");
        Assert.That(await rig.NewStore().GetCredentialAsync(StoreRig.Request()), Is.Not.Null, "reconnecting clears the mark");
    }

    [Test]
    public async Task A_lease_that_lapsed_under_a_slow_holder_does_not_leave_a_refreshed_account_marked_for_reconnection()
    {
        // The holder is slow past the lease (the store's clock moved 31 s); a second instance takes the lease over, and the
        // OAuth server refuses its (already rotated) refresh token with invalid_grant. Then the holder stores the token it got.
        using var rig = new StoreRig();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await rig.NewStore().ConnectAsync("user-1", "farmapp", new Credential.BearerToken("at-0") { RefreshToken = "rt-0" }, "acct-1");
        var stale = (await rig.NewStore().GetCredentialAsync(StoreRig.Request()))!;
        var slow = new GatedRefresher { Answer = _ => new Credential.BearerToken("at-1") { RefreshToken = "rt-1" } };
        var holder = rig.NewStore(slow, clock: clock).RefreshCredentialAsync(StoreRig.Request(), stale).AsTask();
        await slow.Entered.Task;
        clock.Advance(TimeSpan.FromSeconds(31));

        var refused = new FuncRefresher((_, _) => throw new ReconnectRequiredException("invalid_grant"));
        Assert.That(async () => await rig.NewStore(refused, clock: clock).RefreshCredentialAsync(StoreRig.Request(), stale), Throws.TypeOf<ReconnectRequiredException>());
        slow.Release.SetResult();
        var stored = await holder;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Credential.BearerToken)stored!).AccessToken, Is.EqualTo("at-1"));
            Assert.That(((Credential.BearerToken)(await rig.NewStore().GetCredentialAsync(StoreRig.Request()))!).AccessToken, Is.EqualTo("at-1"), "the account works: the refused refresh does not outlive the token the holder stored");
        }
    }

    [Test]
    public async Task A_store_on_a_clock_nobody_moves_still_waits_for_another_instances_refresh()
    {
        // An app's tests often register a FakeTimeProvider: leases are stamped on it, but looking again must not wait on it.
        using var rig = new StoreRig();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var refresher = new GatedRefresher { Answer = _ => new Credential.BearerToken("at-1") { RefreshToken = "rt-1" } };
        await rig.NewStore().ConnectAsync("user-1", "farmapp", new Credential.BearerToken("at-0") { RefreshToken = "rt-0" }, "acct-1");
        var stale = (await rig.NewStore().GetCredentialAsync(StoreRig.Request()))!;
        var second = rig.NewStore(refresher, clock: clock);
        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        second.OnLeaseWait = () => waiting.TrySetResult();

        var one = rig.NewStore(refresher, clock: clock).RefreshCredentialAsync(StoreRig.Request(), stale).AsTask();
        await refresher.Entered.Task;
        var two = second.RefreshCredentialAsync(StoreRig.Request(), stale).AsTask();
        await waiting.Task;
        refresher.Release.SetResult();
        var answers = await Task.WhenAll(one, two).WaitAsync(TimeSpan.FromSeconds(60)); // a guard against a hang, never a margin

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refresher.Calls, Is.EqualTo(1));
            Assert.That(answers.Select(a => ((Credential.BearerToken)a!).AccessToken), Is.All.EqualTo("at-1"));
        }
    }

    [Test]
    public async Task A_locked_database_is_retried_until_it_frees()
    {
        using var rig = new StoreRig();
        await rig.NewStore().ConnectAsync("user-1", "farmapp", new Credential.ApiKey("key"), "acct-1");
        await using var locker = new SqliteConnection(rig.ConnectionString);
        await locker.OpenAsync();
        // An exclusive lock in a rollback journal (EF creates SQLite files in WAL mode, where readers never wait):
        // even readers get SQLITE_BUSY until it is released.
        Execute(locker, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE;");

        var store = rig.NewStore(commandTimeoutSeconds: 1);
        var busy = 0;
        store.OnBusy = _ =>
        {
            if (Interlocked.Increment(ref busy) == 1)
            {
                Execute(locker, "COMMIT;");
            }
        };

        var credential = await store.GetCredentialAsync(StoreRig.Request());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(busy, Is.GreaterThanOrEqualTo(1), "the store met the lock");
            Assert.That(credential, Is.EqualTo(new Credential.ApiKey("key") { ConnectedAccountId = "acct-1" }));
        }
    }

    [Test]
    public async Task A_database_locked_past_the_deadline_ends_with_a_clear_error()
    {
        using var rig = new StoreRig();
        await rig.NewStore().ConnectAsync("user-1", "farmapp", new Credential.ApiKey("key"), "acct-1");
        await using var locker = new SqliteConnection(rig.ConnectionString);
        await locker.OpenAsync();
        Execute(locker, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE;");

        using var deadline = new CancellationTokenSource();
        var store = rig.NewStore(commandTimeoutSeconds: 1);
        store.OnBusy = _ => deadline.Cancel();

        var failure = await Assert.CatchAsync<OperationCanceledException>(async () => await store.GetCredentialAsync(StoreRig.Request(), deadline.Token));

        Assert.That(failure!.Message, Does.StartWith("The credential store stayed busy (database is locked) until the call's deadline"));
        Assert.That(failure.InnerException, Is.Not.Null);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static IEnumerable<Credential> EveryKind()
    {
        yield return new Credential.BearerToken("at", DateTimeOffset.UnixEpoch.AddYears(60)) { RefreshToken = "rt" };
        yield return new Credential.BearerToken("at-no-expiry");
        yield return new Credential.ApiKey("key") { Metadata = new Dictionary<string, string> { ["subdomain"] = "acme" } };
        yield return new Credential.Basic("user", "password");
        yield return new Credential.Custom
        {
            Headers = new Dictionary<string, string> { ["X-Token"] = "t" },
            QueryParameters = new Dictionary<string, string> { ["key"] = "k" },
        };
    }

    private sealed class FuncRefresher(Func<CredentialRequest, Credential, Credential?> refresh) : ITokenRefresher
    {
        public ValueTask<Credential?> RefreshAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(refresh(request, stale));
    }
}
