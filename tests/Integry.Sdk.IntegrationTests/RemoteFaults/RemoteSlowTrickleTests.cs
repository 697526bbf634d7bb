using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.RemoteFaults;

/// <summary>
/// Integry sends its answer one byte at a time. The pauses are the test's: the server writes the next byte only when
/// the test says, and the test moves the app's fake clock in between.
/// </summary>
public class RemoteSlowTrickleTests
{
    private const string Body = """{"network_code":"200","output":{"ts":"1.5"}}""";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_trickle_that_ends_within_the_timeout_is_read_whole()
    {
        var clock = new FaultClock();
        using var trickle = new Trickle(Body, headersFirst: true);
        await using var server = await FaultServer.StartAsync((context, _) => trickle.ServeAsync(context));
        await using var rig = RemoteRig.Create(server, Timeout, clock);

        var call = rig.CallAsync();
        for (var i = 1; i <= Body.Length; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            await trickle.NextByteAsync(i);
        }

        var result = Fault.Executed(await Fault.Within(call));

        Fault.Report($"remote: slow trickle, {Body.Length} bytes x 200 ms (Timeout 10 s)", $"Executed {result.NetworkCode}, output {result.Output.GetRawText()}", Fault.Describe(server.Requests));
        Assert.That(result.Output.GetProperty("ts").GetString(), Is.EqualTo("1.5"));
        RemoteRig.AssertOneSignedCall(server);
    }

    [Test]
    public async Task A_trickle_that_outlasts_the_timeout_is_a_transient_timeout_exception()
    {
        var clock = new FaultClock();
        using var trickle = new Trickle(Body, headersFirst: true);
        await using var server = await FaultServer.StartAsync((context, _) => trickle.ServeAsync(context));
        await using var rig = RemoteRig.Create(server, Timeout, clock);

        var call = rig.CallAsync();
        await server.Arrivals.WhenReached(1);
        await clock.WhenScheduled(Timeout);

        // Four bytes, 2.5 s apart on the app's clock: the fourth pause reaches the 10 s timeout.
        const int sent = 4;
        for (var i = 1; i <= sent; i++)
        {
            await trickle.NextByteAsync(i);
            Assert.That(call.IsCompleted, Is.False, $"byte {i} came within the timeout");
            clock.Advance(TimeSpan.FromMilliseconds(2500));
        }

        var thrown = await RemoteRig.CatchAsync(call);

        Fault.Report("remote: slow trickle, 1 byte / 2.5 s (Timeout 10 s)", RemoteRig.Describe(thrown) + $" after {sent} of {Body.Length} bytes", Fault.Describe(server.Requests));
        RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Timeout, transient: true);
        RemoteRig.AssertOneSignedCall(server);
    }
}
