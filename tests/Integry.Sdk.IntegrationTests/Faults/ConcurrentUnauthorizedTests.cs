using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>Many calls hold a token the app has revoked (it does not look expired): their 401s share one refresh.</summary>
public class ConcurrentUnauthorizedTests
{
    private const int Calls = 100;
    private const string NewToken = "token-new-777777";

    [Test]
    public async Task Concurrent_401s_with_the_same_token_share_one_refresh()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            if (context.Request.Headers.Authorization == "Bearer " + NewToken)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                return;
            }

            // Every old-token request is held until all of them arrived, so every call gets its 401 together.
            await FaultServer.AwaitOrAbortedAsync(release.Task, context);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        });
        using var rig = FaultRig.Create(server, options => options.Timeout = TimeSpan.FromSeconds(30), maxConnectionsPerServer: Calls);
        var refreshes = 0;
        rig.Credentials.Refresh = (_, _, _) =>
        {
            Interlocked.Increment(ref refreshes);
            return ValueTask.FromResult<Credential?>(new Credential.BearerToken(NewToken));
        };

        var calls = Enumerable.Range(0, Calls).Select(i => rig.GetAsync($"items/{i}")).ToArray();
        await server.Arrivals.WhenReached(Calls);
        release.SetResult();
        var results = await Fault.Within(Task.WhenAll(calls));

        var tokens = server.Requests.Select(request => request.Headers["Authorization"]).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(refreshes, Is.EqualTo(1));
            Assert.That(results.Select(result => (result as Result.Executed)?.NetworkCode), Is.All.EqualTo(200));
            Assert.That(tokens.Count(token => token == "Bearer " + FaultRig.Token), Is.EqualTo(Calls));
            Assert.That(tokens.Count(token => token == "Bearer " + NewToken), Is.EqualTo(Calls));
        }

        Fault.Report($"{Calls} concurrent calls, all 401 to a revoked token", $"{Calls} × Executed 200, {refreshes} refresh", $"{Calls} × old token, then {Calls} × new token");
    }
}
