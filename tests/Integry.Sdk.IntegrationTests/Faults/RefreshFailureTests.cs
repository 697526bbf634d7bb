using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>
/// The token endpoint fails once (a network blip while refreshing an expired token), then works. The failed refresh
/// must fail only the calls that were waiting for it: the next call refreshes again.
/// </summary>
public class RefreshFailureTests
{
    private const string FreshToken = "token-fresh-424242";

    [Test]
    public async Task A_failed_refresh_is_tried_again_by_the_next_call()
    {
        await using var server = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = context.Request.Headers.Authorization == "Bearer " + FreshToken ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
        using var rig = FaultRig.Create(server, credential: new Credential.BearerToken(FaultRig.Token, DateTimeOffset.UtcNow.AddMinutes(-5)));
        var refreshes = 0;
        rig.Credentials.Refresh = (_, _, _) => Interlocked.Increment(ref refreshes) == 1
            ? throw new HttpRequestException("The token endpoint could not be reached.")
            : ValueTask.FromResult<Credential?>(new Credential.BearerToken(FreshToken, DateTimeOffset.UtcNow.AddHours(1)));

        Exception? first = null;
        try
        {
            await Fault.Within(rig.GetAsync("items"));
        }
        catch (Exception exception)
        {
            first = exception;
        }

        Result? second = null;
        Exception? secondFailure = null;
        try
        {
            second = await Fault.Within(rig.GetAsync("items"));
        }
        catch (Exception exception)
        {
            secondFailure = exception;
        }

        Fault.Report(
            "expired token; the 1st refresh throws, the 2nd would succeed",
            $"1st call: {Fault.Describe(first)}; 2nd call: {(second is null ? Fault.Describe(secondFailure) : Fault.Describe(second))}; {refreshes} refresh(es)",
            Fault.Describe(server.Requests));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.Not.Null, "the first call fails: its refresh failed");
            Assert.That(server.Requests.Select(request => request.Headers["Authorization"]), Has.None.EqualTo("Bearer " + FaultRig.Token), "the expired token is never sent");
            Assert.That(secondFailure, Is.Null, () => $"The second call got {Fault.Describe(secondFailure)}");
            Assert.That(refreshes, Is.EqualTo(2), "the second call refreshes again instead of reusing the failure");
            Assert.That((second as Result.Executed)?.NetworkCode, Is.EqualTo(200));
        }
    }
}
