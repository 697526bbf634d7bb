using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>
/// The app sends its body one byte at a time. The pauses between bytes are the test's: the server writes the next byte
/// only when the test says, and the test moves the executor's fake clock forward in between.
/// </summary>
public class SlowTrickleTests
{
    private const string Body = """{"slow":"trickle"}""";

    [Test]
    public async Task A_trickle_that_ends_within_the_attempt_timeout_is_read_whole()
    {
        var clock = new FaultClock();
        using var trickle = new Trickle(Body);
        await using var server = await FaultServer.StartAsync((context, _) => trickle.ServeAsync(context));
        using var rig = FaultRig.Create(server, options => options.AttemptTimeout = TimeSpan.FromSeconds(5), clock: clock);

        var call = rig.GetAsync("items");
        for (var i = 1; i <= Body.Length; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            await trickle.NextByteAsync(i);
        }

        var executed = Fault.Executed(await Fault.Within(call));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(executed.NetworkCode, Is.EqualTo(200));
            Assert.That(executed.Attempts, Is.EqualTo(1));
            Assert.That(executed.Output.GetProperty("slow").GetString(), Is.EqualTo("trickle"));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
        }

        Fault.Report($"slow trickle, {Body.Length} bytes × 200 ms (within AttemptTimeout 5 s)", Fault.Describe(executed), Fault.Describe(server.Requests));
    }

    [Test]
    public async Task A_trickle_that_outlasts_the_attempt_timeout_fails_the_attempt()
    {
        var clock = new FaultClock();
        using var trickle = new Trickle(Body);
        await using var server = await FaultServer.StartAsync((context, _) => trickle.ServeAsync(context));
        using var rig = FaultRig.Create(server, options =>
        {
            options.MaxRetries = 0;
            options.AttemptTimeout = TimeSpan.FromSeconds(2);
        }, clock: clock);

        var call = rig.GetAsync("items");
        await server.Arrivals.WhenReached(1);
        // Four bytes, 500 ms apart on the executor's clock: the fourth pause reaches the 2 s attempt timeout.
        const int sent = 4;
        for (var i = 1; i <= sent; i++)
        {
            await trickle.NextByteAsync(i);
            Assert.That(call.IsCompleted, Is.False, $"byte {i} came within the attempt timeout");
            clock.Advance(TimeSpan.FromMilliseconds(500));
        }

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(call));
        Assert.That(exception.Message, Does.Contain("AttemptTimeout"));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
        Fault.Report("slow trickle, 1 byte / 500 ms, AttemptTimeout 2 s", Fault.Describe(exception) + $" after {sent} of {Body.Length} bytes", Fault.Describe(server.Requests));
    }
}
