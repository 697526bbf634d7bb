using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>
/// A thousand calls arrive holding a token that has already expired. The refresh is held open until every call has
/// started (each is waiting on it by then: nothing before the refresh yields), then released: one refresh serves all.
/// </summary>
public class ConcurrentTokenExpiryTests
{
    private const int Calls = 1000;
    private const string FreshToken = "token-fresh-000001";

    [Test]
    public async Task A_thousand_calls_across_an_expiry_share_one_refresh()
    {
        var fresh = "Bearer " + FreshToken;
        await using var server = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = context.Request.Headers.Authorization == fresh ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
        using var rig = FaultRig.Create(
            server,
            options => options.Timeout = TimeSpan.FromSeconds(30),
            credential: new Credential.BearerToken(FaultRig.Token, DateTimeOffset.UtcNow.AddMinutes(-1)),
            maxConnectionsPerServer: 32);
        var refreshes = 0;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Credentials.Refresh = async (_, _, _) =>
        {
            Interlocked.Increment(ref refreshes);
            await release.Task;
            return new Credential.BearerToken(FreshToken, DateTimeOffset.UtcNow.AddHours(1));
        };

        var calls = new Task<Result>[Calls];
        for (var i = 0; i < Calls; i++)
        {
            calls[i] = rig.GetAsync($"items/{i}");
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refreshes, Is.EqualTo(1), "one refresh started for all the calls");
            Assert.That(calls.Count(call => call.IsCompleted), Is.Zero, "every call is waiting on the refresh");
            Assert.That(server.Requests, Is.Empty, "nothing goes out with the expired token");
        }

        release.SetResult();
        var results = await Fault.Within(Task.WhenAll(calls));

        var seen = server.Requests;
        var tokens = seen.Select(request => request.Headers["Authorization"]).Distinct().ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refreshes, Is.EqualTo(1));
            Assert.That(results.Select(result => (result as Result.Executed)?.NetworkCode), Is.All.EqualTo(200));
            Assert.That(results.Select(result => (result as Result.Executed)?.Attempts), Is.All.EqualTo(1));
            Assert.That(seen, Has.Count.EqualTo(Calls));
            Assert.That(tokens, Is.EqualTo(new[] { fresh }), "the server saw only the new token");
        }

        Fault.Report(
            $"{Calls} concurrent calls, token expired, refresh held until all wait",
            $"{results.Count(result => result is Result.Executed { NetworkCode: 200 })} × Executed 200, {refreshes} refresh",
            $"{seen.Count} requests, all with the new token");
    }
}
