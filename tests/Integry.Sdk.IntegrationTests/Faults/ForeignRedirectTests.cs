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
    public async Task The_redirect_is_followed_without_the_credential()
    {
        await using var foreign = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"landed":true}""");
        });
        await using var app = await StartRedirectingAppAsync(foreign);
        using var rig = FaultRig.Create(app, credential: Secret);

        var executed = Fault.Executed(await Fault.Within(rig.GetAsync("export?format=csv")));

        var seenByApp = app.Requests.Single();
        var seenByForeign = foreign.Requests.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(200));
            Assert.That(executed.Output.GetProperty("landed").GetBoolean(), Is.True);
            Assert.That(seenByApp.Headers["Authorization"], Is.EqualTo(HeaderSecret), "the app's own host gets the credential");
            Assert.That(seenByApp.PathAndQuery, Does.Contain("api_key=" + QuerySecret));
            Assert.That(seenByForeign.PathAndQuery, Is.EqualTo("/landing?file=1"));
            Assert.That(seenByForeign.Headers.ContainsKey("Authorization"), Is.False, "no Authorization header crosses hosts");
            Assert.That(seenByForeign.Headers.Values, Has.None.Contains("secret"));
            Assert.That(seenByForeign.PathAndQuery, Does.Not.Contain("api_key").And.Not.Contain(QuerySecret));
        }

        Fault.Report(
            "302 from 127.0.0.1 to http://localhost:<other port> (FollowWithoutCredential)",
            Fault.Describe(executed),
            $"app: GET with Authorization and api_key; foreign: {seenByForeign.Method} {seenByForeign.PathAndQuery}, no Authorization, no api_key");
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
