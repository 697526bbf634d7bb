using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>The app drops the connection after reading the request and before sending a status line.</summary>
public class ConnectionResetBeforeHeadersTests
{
    [Test]
    public async Task Get_is_retried_and_fails_with_IntegryException_when_every_attempt_is_reset()
    {
        await using var server = await FaultServer.StartAsync((context, _) => FaultServer.DropAsync(context));
        using var rig = FaultRig.Create(server);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(rig.GetAsync("items")));

        var seen = server.Requests;
        Assert.That(seen, Has.Count.EqualTo(3), "one attempt and MaxRetries (2) retries");
        Assert.That(seen.Select(request => request.PathAndQuery), Is.All.EqualTo("/items"));
        Assert.That(exception.Message, Does.Contain("GET"));
        Fault.Report("reset before headers, every attempt (GET)", Fault.Describe(exception), Fault.Describe(seen));
    }

    [Test]
    public async Task Get_succeeds_when_a_later_attempt_answers()
    {
        await using var server = await FaultServer.StartAsync(async (context, attempt) =>
        {
            if (attempt == 1)
            {
                context.Abort();
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"ok":true}""");
        });
        using var rig = FaultRig.Create(server);

        var executed = Fault.Executed(await Fault.Within(rig.GetAsync("items")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(200));
            Assert.That(executed.Attempts, Is.EqualTo(2));
            Assert.That(executed.Output.GetProperty("ok").GetBoolean(), Is.True);
            Assert.That(server.Requests, Has.Count.EqualTo(2));
        }

        Fault.Report("reset before headers, then 200 (GET)", Fault.Describe(executed), Fault.Describe(server.Requests));
    }

    [Test]
    public async Task Post_without_an_idempotency_header_is_not_retried()
    {
        await using var server = await FaultServer.StartAsync((context, _) => FaultServer.DropAsync(context));
        using var rig = FaultRig.Create(server);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(rig.SendAsync(HttpMethod.Post, "items", """{"name":"Ada"}""")));

        Assert.That(server.Requests, Has.Count.EqualTo(1), "a POST may have had its effect: it is sent once");
        Fault.Report("reset before headers (POST, no idempotency header)", Fault.Describe(exception), Fault.Describe(server.Requests));
    }
}
