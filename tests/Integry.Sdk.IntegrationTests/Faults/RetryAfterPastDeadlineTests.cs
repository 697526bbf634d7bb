using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>A 429 asking for a wait longer than the call may take: the caller gets the 429 at once, with the wait to plan with.</summary>
public class RetryAfterPastDeadlineTests
{
    [Test]
    public async Task A_429_whose_Retry_After_crosses_the_deadline_is_returned_at_once()
    {
        var clock = new FaultClock();
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "60";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"error":"rate_limited"}""");
        });
        using var rig = FaultRig.Create(server, options => options.Timeout = TimeSpan.FromSeconds(10), clock: clock);

        // The fake clock never moves: the call can only end if it does not wait.
        var executed = Fault.Executed(await Fault.Within(rig.GetAsync("items")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(429));
            Assert.That(executed.Attempts, Is.EqualTo(1));
            Assert.That(executed.RateLimit?.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(executed.Output.GetProperty("error").GetString(), Is.EqualTo("rate_limited"));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
            Assert.That(clock.Scheduled, Has.None.EqualTo(TimeSpan.FromSeconds(60)), "no wait was even started");
        }

        Fault.Report("429 Retry-After: 60 with Timeout 10 s", Fault.Describe(executed) + ", RateLimit.RetryAfter 60 s, clock never moved", Fault.Describe(server.Requests));
    }
}
