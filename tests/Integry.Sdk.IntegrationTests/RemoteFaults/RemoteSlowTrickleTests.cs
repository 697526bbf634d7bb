using System.Text;
using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

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
        var go = new SemaphoreSlim(0);
        var written = new FaultSignals();
        await using var server = await FaultServer.StartAsync((context, _) => TrickleAsync(context, go, written));
        await using var rig = RemoteRig.Create(server, Timeout, clock);

        var call = rig.CallAsync();
        for (var i = 1; i <= Body.Length; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            go.Release();
            await written.WhenReached(i);
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
        var go = new SemaphoreSlim(0);
        var written = new FaultSignals();
        await using var server = await FaultServer.StartAsync((context, _) => TrickleAsync(context, go, written));
        await using var rig = RemoteRig.Create(server, Timeout, clock);

        var call = rig.CallAsync();
        await server.Arrivals.WhenReached(1);
        await clock.WhenScheduled(Timeout);

        // Four bytes, 2.5 s apart on the app's clock: the fourth pause reaches the 10 s timeout.
        const int sent = 4;
        for (var i = 1; i <= sent; i++)
        {
            go.Release();
            await written.WhenReached(i);
            Assert.That(call.IsCompleted, Is.False, $"byte {i} came within the timeout");
            clock.Advance(TimeSpan.FromMilliseconds(2500));
        }

        var thrown = await RemoteRig.CatchAsync(call);

        Fault.Report("remote: slow trickle, 1 byte / 2.5 s (Timeout 10 s)", RemoteRig.Describe(thrown) + $" after {sent} of {Body.Length} bytes", Fault.Describe(server.Requests));
        RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Timeout, transient: true);
        RemoteRig.AssertOneSignedCall(server);
    }

    private static async Task TrickleAsync(HttpContext context, SemaphoreSlim go, FaultSignals written)
    {
        context.Features.Get<IHttpResponseBodyFeature>()!.DisableBuffering();
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Body.Length;
        var bytes = Encoding.UTF8.GetBytes(Body);
        try
        {
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            for (var i = 0; i < bytes.Length; i++)
            {
                await go.WaitAsync(context.RequestAborted);
                await context.Response.Body.WriteAsync(bytes.AsMemory(i, 1), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                written.Signal();
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client gave up and closed the connection.
        }
    }
}
