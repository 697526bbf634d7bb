using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>The stored bearer token has expired and cannot be refreshed: the call is rejected before anything is sent.</summary>
public class ExpiredTokenWithoutRefreshTests
{
    [TestCase(-60, TestName = "Expired a minute ago")]
    [TestCase(30, TestName = "Expires within TokenRefreshSkew")]
    public async Task The_call_is_rejected_with_a_reconnect_detail_and_nothing_is_sent(int expiresInSeconds)
    {
        var clock = new FaultClock();
        await using var server = await FaultServer.StartAsync((_, _) => Task.CompletedTask);
        using var rig = FaultRig.Create(
            server,
            options => options.TokenRefreshSkew = TimeSpan.FromMinutes(1),
            credential: new Credential.BearerToken(FaultRig.Token, clock.GetUtcNow().AddSeconds(expiresInSeconds)),
            clock: clock);
        var refreshes = 0;
        rig.Credentials.Refresh = (_, _, _) =>
        {
            Interlocked.Increment(ref refreshes);
            return ValueTask.FromResult<Credential?>(null);
        };

        var result = await Fault.Within(rig.GetAsync("items"));

        Assert.That(result, Is.TypeOf<Result.Rejected>());
        var rejected = (Result.Rejected)result;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.ErrorDetails, Has.Count.EqualTo(1));
            Assert.That(rejected.ErrorDetails[0], Does.Contain("reconnect").IgnoreCase);
            Assert.That(rejected.ErrorDetails[0], Does.Contain("connectApp('faulty')"));
            Assert.That(rejected.ToJson(), Does.Not.Contain(FaultRig.Token));
            Assert.That(refreshes, Is.EqualTo(1));
            Assert.That(server.Requests, Is.Empty);
        }

        Fault.Report($"bearer token expiring at {expiresInSeconds:+0;-0} s, refresh returns null", Fault.Describe(result), Fault.Describe(server.Requests));
    }
}
