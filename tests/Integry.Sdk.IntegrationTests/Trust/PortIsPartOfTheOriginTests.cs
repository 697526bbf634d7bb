using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Trust;

/// <summary>
/// Issue 12, class 1: an app registered for the local network on <c>http://127.0.0.1:A/</c> that redirects to another
/// port (of 127.0.0.1 or of localhost) sends nothing there: another port is another origin, for every credential kind.
/// </summary>
public class PortIsPartOfTheOriginTests
{
    private static IEnumerable<TestCaseData> Cases()
    {
        foreach (var kind in Credentials.Kinds)
        {
            foreach (var (status, method) in new[] { (302, "GET"), (301, "GET"), (303, "POST"), (307, "POST"), (308, "POST"), (307, "GET") })
            {
                foreach (var target in new[] { "127.0.0.1", "localhost" })
                {
                    yield return new TestCaseData(kind, status, method, target).SetName($"{kind}: {method} answered {status} to {target}:<other port>");
                }
            }
        }
    }

    [TestCaseSource(nameof(Cases))]
    public async Task The_other_port_receives_nothing(string kind, int status, string method, string targetHost)
    {
        await using var other = await FaultServer.StartAsync(async (context, _) => await context.Response.WriteAsync("{}"));
        await using var app = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = $"http://{targetHost}:{other.Port}/landing?from=app";
            return Task.CompletedTask;
        });
        using var rig = FaultRig.Create(app, app: definition => Credentials.Place(definition, kind), credential: Credentials.For(kind));

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(rig.SendAsync(new HttpMethod(method), "start", method == "POST" ? """{"secret":"body"}""" : null)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(app.Requests, Has.Count.EqualTo(1), "the app's own origin got the request");
            Assert.That(Credentials.Leaked(Credentials.Everything(app.Requests[0])), Is.True, "the app's own origin got the credential");
            Assert.That(other.Requests, Is.Empty, "another port is another origin: nothing at all reaches it");
            Assert.That(Credentials.Leaked(exception!.ToString()), Is.False);
        }

        Fault.Report($"{kind}: {method} {status} to {targetHost}:<other port>", Fault.Describe(exception), $"app: 1 request with the credential; other port: {Fault.Describe(other.Requests)}");
    }

    [Test]
    public async Task A_host_entry_with_a_port_allows_that_port_only()
    {
        await using var other = await FaultServer.StartAsync(async (context, _) => await context.Response.WriteAsync("{}"));
        await using var app = await FaultServer.StartAsync(async (context, _) => await context.Response.WriteAsync("""{"ok":true}"""));
        using var rig = FaultRig.Create(app, app: definition => definition with { Hosts = [$"127.0.0.1:{app.Port}"], BaseUrl = null });

        var own = await Fault.Within(rig.GetAsync($"http://127.0.0.1:{app.Port}/v1/a"));
        var elsewhere = await Fault.Within(rig.GetAsync($"http://127.0.0.1:{other.Port}/v1/a"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(own, Is.TypeOf<Result.Executed>());
            Assert.That(((Result.Rejected)elsewhere).FieldErrors!["url"], Does.Contain($"Port {other.Port} (http) is not one of Faulty App's"));
            Assert.That(other.Requests, Is.Empty);
        }
    }
}
