using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>
/// The app (on 127.0.0.1) redirects to a second server reached as <c>localhost</c>: a host outside the app. The credential
/// is a header and a query parameter, and neither may reach the foreign server.
/// </summary>
public class ForeignRedirectTests
{
    private const string HeaderSecret = "Bearer header-secret-123456";
    private const string QuerySecret = "query-secret-654321";

    private static readonly Credential Secret = new Credential.Custom
    {
        Headers = new Dictionary<string, string> { ["Authorization"] = HeaderSecret },
        QueryParameters = new Dictionary<string, string> { ["api_key"] = QuerySecret },
    };

    [Test]
    public async Task A_foreign_hop_is_never_connected_on_the_local_network_and_gets_no_credential()
    {
        await using var foreign = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"landed":true}""");
        });
        await using var app = await StartRedirectingAppAsync(foreign);
        using var rig = FaultRig.Create(app, credential: Secret);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(rig.GetAsync("export?format=csv")));

        var seenByApp = app.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.Message, Does.Contain("private, loopback or link-local"));
            Assert.That(exception.ToString(), Does.Not.Contain(QuerySecret).And.Not.Contain("header-secret"));
            Assert.That(seenByApp.Headers["Authorization"], Is.EqualTo(HeaderSecret), "the app's own host gets the credential");
            Assert.That(seenByApp.PathAndQuery, Does.Contain("api_key=" + QuerySecret));
            Assert.That(foreign.Requests, Is.Empty, "only the app's own hosts may be on the local network; a hop elsewhere never is");
        }

        Fault.Report(
            "302 from a local app to http://localhost:<other port> (a foreign host on the local network)",
            Fault.Describe(exception),
            $"app: GET with Authorization and api_key; foreign: {Fault.Describe(foreign.Requests)}");
    }

    [Test]
    public async Task With_ForeignRedirects_Refuse_the_call_fails_and_the_foreign_server_sees_nothing()
    {
        await using var foreign = await FaultServer.StartAsync(async (context, _) => await context.Response.WriteAsync("{}"));
        await using var app = await StartRedirectingAppAsync(foreign);
        using var rig = FaultRig.Create(app, app: definition => definition with { ForeignRedirects = ForeignRedirectPolicy.Refuse }, credential: Secret);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(rig.GetAsync("export?format=csv")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception.Message, Does.Contain("redirected"));
            Assert.That(exception.Message, Does.Contain("localhost"));
            Assert.That(exception.ToString(), Does.Not.Contain(QuerySecret).And.Not.Contain("header-secret"));
            Assert.That(app.Requests, Has.Count.EqualTo(1));
            Assert.That(foreign.Requests, Is.Empty);
        }

        Fault.Report("302 to a foreign host with ForeignRedirects = Refuse", Fault.Describe(exception), $"app: 1 request; foreign: {Fault.Describe(foreign.Requests)}");
    }

    private static Task<FaultServer> StartRedirectingAppAsync(FaultServer foreign) => FaultServer.StartAsync((context, _) =>
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = $"http://localhost:{foreign.Port}/landing?file=1";
        return Task.CompletedTask;
    });
}
