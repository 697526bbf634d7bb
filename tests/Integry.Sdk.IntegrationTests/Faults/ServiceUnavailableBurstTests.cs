using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>The app answers 503, 503, then 200: safe methods ride it out, a POST without an idempotency key does not.</summary>
public class ServiceUnavailableBurstTests
{
    [Test]
    public async Task Get_succeeds_on_the_third_attempt()
    {
        await using var server = await StartBurstAsync();
        using var rig = FaultRig.Create(server);

        var executed = Fault.Executed(await Fault.Within(rig.GetAsync("items")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(200));
            Assert.That(executed.Attempts, Is.EqualTo(3));
            Assert.That(server.Requests, Has.Count.EqualTo(3));
            Assert.That(server.Requests.Select(request => request.Headers["Authorization"]), Is.All.EqualTo("Bearer " + FaultRig.Token), "every attempt carries the credential");
        }

        Fault.Report("503, 503, 200 (GET)", Fault.Describe(executed), Fault.Describe(server.Requests));
    }

    [Test]
    public async Task Post_without_an_idempotency_header_is_sent_once_and_the_503_returned()
    {
        await using var server = await StartBurstAsync();
        using var rig = FaultRig.Create(server);

        var executed = Fault.Executed(await Fault.Within(rig.SendAsync(HttpMethod.Post, "items", """{"name":"Ada"}""")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(503));
            Assert.That(executed.Attempts, Is.EqualTo(1));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(server.Requests[0].Headers.ContainsKey("Idempotency-Key"), Is.False);
        }

        Fault.Report("503, 503, 200 (POST, no idempotency header)", Fault.Describe(executed), Fault.Describe(server.Requests));
    }

    /// <summary>503, 503, then 200 for every later request.</summary>
    internal static Task<FaultServer> StartBurstAsync() => FaultServer.StartAsync(async (context, attempt) =>
    {
        context.Response.ContentType = "application/json";
        if (attempt <= 2)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("""{"error":"unavailable"}""");
            return;
        }

        await context.Response.WriteAsync($$"""{"attempt":{{attempt}}}""");
    });
}
