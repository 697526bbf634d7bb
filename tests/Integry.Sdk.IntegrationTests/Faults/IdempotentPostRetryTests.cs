using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>An app that declares an idempotency header: a POST is retried through a 503 burst with one key per call.</summary>
public class IdempotentPostRetryTests
{
    [Test]
    public async Task Post_is_retried_with_the_same_key_on_every_attempt_and_a_new_key_on_the_next_call()
    {
        await using var server = await FaultServer.StartAsync(async (context, attempt) =>
        {
            context.Response.ContentType = "application/json";
            if (attempt <= 2)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("""{"error":"unavailable"}""");
                return;
            }

            context.Response.StatusCode = StatusCodes.Status201Created;
            await context.Response.WriteAsync("""{"created":true}""");
        });
        using var rig = FaultRig.Create(server, app: app => app with { IdempotencyHeader = "Idempotency-Key" });

        var first = Fault.Executed(await Fault.Within(rig.SendAsync(HttpMethod.Post, "charges", """{"amount":100}""")));
        var second = Fault.Executed(await Fault.Within(rig.SendAsync(HttpMethod.Post, "charges", """{"amount":100}""")));

        var seen = server.Requests;
        var keys = seen.Select(request => request.Headers.GetValueOrDefault("Idempotency-Key")).ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.NetworkCode, Is.EqualTo(201));
            Assert.That(first.Attempts, Is.EqualTo(3));
            Assert.That(second.NetworkCode, Is.EqualTo(201));
            Assert.That(second.Attempts, Is.EqualTo(1));
            Assert.That(seen, Has.Count.EqualTo(4));
            Assert.That(seen.Select(request => request.Method), Is.All.EqualTo("POST"));
            Assert.That(seen.Select(request => request.Body), Is.All.EqualTo("""{"amount":100}"""), "every attempt carries the body");
            Assert.That(keys, Is.All.Not.Null.And.Not.Empty);
            Assert.That(keys[1], Is.EqualTo(keys[0]), "a retry reuses the call's key");
            Assert.That(keys[2], Is.EqualTo(keys[0]), "a retry reuses the call's key");
            Assert.That(keys[3], Is.Not.EqualTo(keys[0]), "the next call has a key of its own");
        }

        Fault.Report(
            "503, 503, 201 (POST, IdempotencyHeader = Idempotency-Key), then a 2nd POST",
            $"{Fault.Describe(first)}; then {Fault.Describe(second)}",
            $"{seen.Count} POSTs, keys {string.Join(", ", keys.Select(key => key![..8] + "…"))}");
    }
}
