using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>
/// The app redirects to a foreign host (an expired signed download link, say) that answers 401. The foreign host never
/// saw the credential, so its 401 says nothing about it: the user's token must not be refreshed, and the request must
/// not be sent to the app again.
/// </summary>
public class ForeignRedirectUnauthorizedTests
{
    [Test]
    public async Task A_401_from_a_foreign_host_does_not_refresh_the_credential_or_resend_the_request()
    {
        await using var foreign = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        });
        await using var app = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = $"http://localhost:{foreign.Port}/signed-download?sig=expired";
            return Task.CompletedTask;
        });
        using var rig = FaultRig.Create(app);
        var refreshes = 0;
        rig.Credentials.Refresh = (_, _, _) =>
        {
            Interlocked.Increment(ref refreshes);
            return ValueTask.FromResult<Credential?>(new Credential.BearerToken("token-rotated-999999"));
        };

        var executed = Fault.Executed(await Fault.Within(rig.SendAsync(HttpMethod.Post, "exports", """{"format":"csv"}""")));

        Fault.Report(
            "POST → 303 to a foreign host that answers 401",
            $"{Fault.Describe(executed)}, {refreshes} refresh(es)",
            $"app: {Fault.Describe(app.Requests)}; foreign: {Fault.Describe(foreign.Requests)}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(401));
            Assert.That(foreign.Requests.Select(request => request.Headers.ContainsKey("Authorization")), Is.All.False);
            Assert.That(refreshes, Is.Zero, "the credential was not what the foreign host refused");
            Assert.That(app.Requests, Has.Count.EqualTo(1), "the POST is not sent to the app a second time");
        }
    }
}
