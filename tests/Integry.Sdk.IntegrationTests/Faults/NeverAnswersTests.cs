using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>The app accepts the request and never answers: only the attempt timeout and the call's deadline end it.</summary>
public class NeverAnswersTests
{
    [Test]
    public async Task The_attempt_timeout_ends_a_call_that_is_not_retried()
    {
        var clock = new FaultClock();
        await using var server = await FaultServer.StartAsync((self, context, _) => self.HangAsync(context));
        using var rig = FaultRig.Create(server, options =>
        {
            options.MaxRetries = 0;
            options.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.Timeout = TimeSpan.FromSeconds(30);
        }, clock: clock);

        var call = rig.GetAsync("items");
        await server.Arrivals.WhenReached(1);
        await clock.WhenScheduled(TimeSpan.FromSeconds(5));
        Assert.That(call.IsCompleted, Is.False, "nothing ends the call before the attempt timeout");
        clock.Advance(TimeSpan.FromSeconds(5));

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(call));
        Assert.That(exception.Message, Does.Contain("AttemptTimeout"));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Fault.Report("never answers, MaxRetries 0 (fake clock +5 s)", Fault.Describe(exception), Fault.Describe(server.Requests));
    }

    [Test]
    public async Task Timed_out_attempts_are_retried_until_the_deadline_ends_the_call()
    {
        var clock = new FaultClock();
        await using var server = await FaultServer.StartAsync((self, context, _) => self.HangAsync(context));
        using var rig = FaultRig.Create(server, options =>
        {
            options.MaxRetries = 10;
            options.AttemptTimeout = TimeSpan.FromSeconds(2);
            options.Timeout = TimeSpan.FromSeconds(5);
        }, clock: clock);

        var call = rig.GetAsync("items");
        // Attempts start at 0 s, 2 s and 4 s; the deadline (5 s) falls inside the third.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await server.Arrivals.WhenReached(attempt);
            Assert.That(call.IsCompleted, Is.False);
            clock.Advance(TimeSpan.FromSeconds(attempt < 3 ? 2 : 1));
        }

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(call));
        Assert.That(exception.Message, Does.Contain("PassthroughOptions.Timeout"));
        Assert.That(server.Requests, Has.Count.EqualTo(3), "no attempt starts after the deadline");
        Fault.Report("never answers, AttemptTimeout 2 s, Timeout 5 s (fake clock)", Fault.Describe(exception), Fault.Describe(server.Requests));
    }
}
