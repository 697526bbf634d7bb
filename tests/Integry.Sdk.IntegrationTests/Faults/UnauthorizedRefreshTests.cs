using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>The app answers 401 to the stored token: the executor refreshes once, and retries once only if the token changed.</summary>
public class UnauthorizedRefreshTests
{
    private const string NewToken = "token-new-654321";

    [Test]
    public async Task A_rotated_token_is_refreshed_once_and_the_call_retried_with_it()
    {
        await using var server = await StartAppAcceptingAsync(NewToken);
        using var rig = FaultRig.Create(server);
        var refreshes = 0;
        rig.Credentials.Refresh = (_, expired, _) =>
        {
            Interlocked.Increment(ref refreshes);
            Assert.That(((Credential.BearerToken)expired).AccessToken, Is.EqualTo(FaultRig.Token));
            return ValueTask.FromResult<Credential?>(new Credential.BearerToken(NewToken));
        };

        var executed = Fault.Executed(await Fault.Within(rig.GetAsync("me")));
        var again = Fault.Executed(await Fault.Within(rig.GetAsync("me")));

        var tokens = server.Requests.Select(request => request.Headers["Authorization"]).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(200));
            Assert.That(executed.Attempts, Is.EqualTo(2));
            Assert.That(refreshes, Is.EqualTo(1));
            Assert.That(tokens, Is.EqualTo(new[] { "Bearer " + FaultRig.Token, "Bearer " + NewToken, "Bearer " + NewToken }), "old, new, then the stored new token straight away");
            Assert.That(again.Attempts, Is.EqualTo(1));
        }

        Fault.Report("401 to the old token, 200 to the rotated one", $"{Fault.Describe(executed)}, {refreshes} refresh; next call {Fault.Describe(again)}", "Authorization: old, new; next call: new");
    }

    [Test]
    public async Task When_refresh_returns_null_the_401_is_returned_without_a_second_request()
    {
        await using var server = await StartAppAcceptingAsync(NewToken);
        using var rig = FaultRig.Create(server);
        var refreshes = 0;
        rig.Credentials.Refresh = (_, _, _) =>
        {
            Interlocked.Increment(ref refreshes);
            return ValueTask.FromResult<Credential?>(null);
        };

        var executed = Fault.Executed(await Fault.Within(rig.GetAsync("me")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(401));
            Assert.That(executed.Attempts, Is.EqualTo(1));
            Assert.That(executed.Output.GetProperty("error").GetString(), Is.EqualTo("invalid_token"));
            Assert.That(refreshes, Is.EqualTo(1));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
        }

        Fault.Report("401, refresh returns null", $"{Fault.Describe(executed)}, {refreshes} refresh", Fault.Describe(server.Requests) + " (old token)");
    }

    [Test]
    public async Task When_refresh_returns_the_same_token_the_401_is_returned_without_a_second_request()
    {
        await using var server = await StartAppAcceptingAsync(NewToken);
        using var rig = FaultRig.Create(server);
        rig.Credentials.Refresh = (_, _, _) => ValueTask.FromResult<Credential?>(new Credential.BearerToken(FaultRig.Token));

        var executed = Fault.Executed(await Fault.Within(rig.GetAsync("me")));

        Assert.That(executed.NetworkCode, Is.EqualTo(401));
        Assert.That(server.Requests, Has.Count.EqualTo(1), "an unchanged credential is not tried again");
        Fault.Report("401, refresh returns the same token", Fault.Describe(executed), Fault.Describe(server.Requests));
    }

    private static Task<FaultServer> StartAppAcceptingAsync(string token) => FaultServer.StartAsync(async (context, _) =>
    {
        context.Response.ContentType = "application/json";
        if (context.Request.Headers.Authorization != "Bearer " + token)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("""{"error":"invalid_token"}""");
            return;
        }

        await context.Response.WriteAsync("""{"me":"ada"}""");
    });
}
