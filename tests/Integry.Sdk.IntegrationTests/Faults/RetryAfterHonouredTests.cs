using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>A 429 that says how long to wait: the executor waits that long on its clock, then tries again.</summary>
public class RetryAfterHonouredTests
{
    [Test]
    public async Task A_429_with_Retry_After_1_is_retried_only_after_the_clock_moves_one_second()
    {
        var clock = new FaultClock();
        await using var server = await FaultServer.StartAsync(async (context, attempt) =>
        {
            if (attempt == 1)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"ok":true}""");
        });
        using var rig = FaultRig.Create(server, options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(10);
            options.Timeout = TimeSpan.FromSeconds(30);
        }, clock: clock);

        var call = rig.GetAsync("items");
        await server.Arrivals.WhenReached(1);
        await clock.WhenScheduled(TimeSpan.FromSeconds(1));
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.That(server.Requests, Has.Count.EqualTo(1), "the retry waits the whole second");
        Assert.That(call.IsCompleted, Is.False);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await server.Arrivals.WhenReached(2);

        var executed = Fault.Executed(await Fault.Within(call));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(200));
            Assert.That(executed.Attempts, Is.EqualTo(2));
            Assert.That(server.Requests, Has.Count.EqualTo(2));
        }

        Fault.Report("429 Retry-After: 1, then 200 (fake clock +1 s)", Fault.Describe(executed), Fault.Describe(server.Requests) + "; the 2nd only after the clock moved 1 s");
    }

    [Test]
    public async Task A_429_without_Retry_After_waits_for_the_apps_reset_header()
    {
        var clock = new FaultClock();
        await using var server = await FaultServer.StartAsync(async (context, attempt) =>
        {
            if (attempt == 1)
            {
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = "3";
                return;
            }

            context.Response.Headers["X-RateLimit-Remaining"] = "99";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"ok":true}""");
        });
        using var rig = FaultRig.Create(
            server,
            options => options.Timeout = TimeSpan.FromSeconds(30),
            app => app with { RateLimit = new RateLimitHeaders { Remaining = "X-RateLimit-Remaining", Reset = "X-RateLimit-Reset", ResetFormat = RateLimitResetFormat.SecondsFromNow } },
            clock: clock);

        var call = rig.GetAsync("items");
        await server.Arrivals.WhenReached(1);
        await clock.WhenScheduled(TimeSpan.FromSeconds(3));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
        clock.Advance(TimeSpan.FromSeconds(3));
        await server.Arrivals.WhenReached(2);

        var executed = Fault.Executed(await Fault.Within(call));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(200));
            Assert.That(executed.Attempts, Is.EqualTo(2));
            Assert.That(executed.RateLimit?.Remaining, Is.EqualTo(99));
        }

        Fault.Report("429 X-RateLimit-Reset: 3 (app's reset header), then 200", Fault.Describe(executed), Fault.Describe(server.Requests) + "; the 2nd after +3 s");
    }
}
