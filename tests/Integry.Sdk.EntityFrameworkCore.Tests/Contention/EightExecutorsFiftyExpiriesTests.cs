using System.Diagnostics;
using Integry.Sdk.EntityFrameworkCore.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Integry.Sdk.EntityFrameworkCore.Tests.Contention;

/// <summary>
/// Issue 13, item 4, the contention test: 8 executors, each with its own container, provider and DbContexts (so its
/// own SQLite connections), over one SQLite file; a loopback OAuth server that rotates refresh tokens and refuses a
/// reused one with invalid_grant; a loopback app. 50 expiries in a row, each timed by the executors' clock, which the
/// test moves between rounds: every round, every executor's calls find the token expired at once. Each container
/// registers that clock as its TimeProvider, as an app's own tests would: the executors, the OAuth2 refresher and the
/// store's leases all run on it. It stands still during a round, so no lease can lapse because the machine is slow: the
/// outcome does not depend on timing. (Before the fix, the store also waited on that clock between looks at the row, and
/// round 1 hung: every instance waiting for the lease holder waited for a clock nobody moved.)
/// </summary>
[NonParallelizable]
public class EightExecutorsFiftyExpiriesTests
{
    private const int Executors = 8;
    private const int Expiries = 50;
    private const int CallsPerExecutorPerRound = 4;
    private const string User = "user-1";
    private const string App = "farmapp";

    /// <summary>The most real time one round may take before the test fails rather than hangs.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Fifty_expiries_in_a_row_spend_fifty_grants_and_lose_no_call()
    {
        var wall = Stopwatch.StartNew();
        var clock = new FakeTimeProvider(Farm.ClockStart);
        await using var servers = await FarmServers.StartAsync();
        using var rig = new StoreRig();
        var keys = new EphemeralDataProtectionProvider();
        await using (var seeding = BuildExecutor(rig, keys, servers, clock))
        {
            await using var scope = seeding.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<EntityFrameworkCoreCredentialProvider<TestDbContext>>()
                .ConnectAsync(User, App, new Credential.BearerToken("at-0", Farm.ClockStart.AddHours(1)) { RefreshToken = "rt-0" }, "acct-1");
        }

        var executors = Enumerable.Range(0, Executors).Select(_ => BuildExecutor(rig, keys, servers, clock)).ToArray();
        var lost = new List<string>();
        var stale = new List<string>();
        var calls = 0;
        try
        {
            for (var round = 1; round <= Expiries; round++)
            {
                clock.Advance(TimeSpan.FromHours(2)); // past the stored token's expiry (each refreshed token lives 1 h)
                var outcomes = await Task.WhenAll(executors.SelectMany(executor => Enumerable.Range(0, CallsPerExecutorPerRound).Select(_ => CallAsync(executor))))
                    .WaitAsync(Guard); // fails the test instead of hanging it; never a margin

                calls += outcomes.Length;
                var newest = servers.NewestAccessToken;
                lost.AddRange(outcomes.Where(o => o.Token is null).Select(o => $"round {round}: {o.Error}"));
                stale.AddRange(outcomes.Where(o => o.Token is not null && o.Token != newest).Select(o => $"round {round}: {o.Token} (newest {newest})"));
            }
        }
        finally
        {
            foreach (var executor in executors)
            {
                await executor.DisposeAsync();
            }
        }

        wall.Stop();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(servers.Grants, Is.EqualTo(Expiries), "refresh grants at the OAuth server: one per expiry");
            Assert.That(servers.Refused, Is.Zero, "reused (rotated) refresh tokens");
            Assert.That(lost, Is.Empty, "calls lost");
            Assert.That(stale, Is.Empty, "calls that carried an older token than the newest");
            Assert.That(servers.NewestAccessToken, Is.EqualTo($"at-{Expiries}"));
        }

        TestContext.Out.WriteLine($"| contention | {Executors} executors | {Expiries} expiries | {calls} calls | {servers.Grants} grants | {servers.Refused} refused | {lost.Count} lost | {wall.Elapsed.TotalSeconds:0.00} s |");
    }

    private static ServiceProvider BuildExecutor(StoreRig rig, IDataProtectionProvider keys, FarmServers servers, TimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton(keys);
        services.AddSingleton(clock);
        services.AddDbContext<TestDbContext>(options => options.UseSqlite(rig.ConnectionString));
        services.AddIntegry(options => options.UserId = User)
            .AddLocalPassthrough(options =>
            {
                options.IncludeBuiltInApps = false;
                options.RetryBaseDelay = TimeSpan.Zero;
                options.Apps.Add(new AppDefinition { Slug = App, DisplayName = "Farm App", Hosts = ["127.0.0.1"], BaseUrl = servers.AppBaseUrl.AbsoluteUri, AllowLocalNetwork = true });
            })
            .AddEntityFrameworkCoreCredentials<TestDbContext>(options => options.OAuth2Apps.Add(new OAuth2App
            {
                App = App,
                TokenEndpoint = servers.TokenEndpoint,
                ClientId = FarmServers.ClientId,
                ClientSecret = FarmServers.ClientSecret,
            }));
        return services.BuildServiceProvider();
    }

    private static async Task<(string? Token, string? Error)> CallAsync(ServiceProvider executor)
    {
        await Task.Yield();
        try
        {
            var result = await executor.GetRequiredService<IntegryClient>().PassthroughAsync(App, PassthroughRequest.Get("whoami"));
            return result is Result.Executed { NetworkCode: 200 } executed
                ? (executed.Output.GetProperty("token").GetString(), null)
                : (null, result.ToString());
        }
        catch (Exception exception)
        {
            return (null, exception.GetType().Name + ": " + exception.Message);
        }
    }
}
