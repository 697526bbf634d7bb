using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.RemoteFaults;

/// <summary>Integry accepts the request and never answers: <see cref="IntegryClientOptions.Timeout"/> ends the call, on the app's clock.</summary>
public class RemoteNeverAnswersTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Test]
    public async Task The_client_timeout_ends_the_call_with_a_transient_timeout_exception_and_hangs_up()
    {
        var clock = new FaultClock();
        var hungUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FaultServer.StartAsync(async (self, context, _) =>
        {
            await self.HangAsync(context);
            hungUp.TrySetResult();
        });
        await using var rig = RemoteRig.Create(server, Timeout, clock);

        var call = rig.CallAsync();
        await server.Arrivals.WhenReached(1);
        await clock.WhenScheduled(Timeout);
        Assert.That(call.IsCompleted, Is.False, "nothing ends the call before the timeout");
        clock.Advance(Timeout);

        var thrown = await RemoteRig.CatchAsync(call);
        await hungUp.Task.WaitAsync(Fault.Guard);

        Fault.Report("remote: never answers (Timeout 30 s, fake clock)", RemoteRig.Describe(thrown), Fault.Describe(server.Requests) + ", then the client hung up");
        var exception = RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Timeout, transient: true);
        Assert.That(exception.InnerException, Is.InstanceOf<TimeoutException>());
        Assert.That(exception.Message, Is.EqualTo("Integry did not answer within 30 s (IntegryClientOptions.Timeout)."));
        RemoteRig.AssertOneSignedCall(server);
    }

    [Test]
    public async Task The_callers_own_cancellation_stays_an_operation_canceled_exception()
    {
        await using var server = await FaultServer.StartAsync((self, context, _) => self.HangAsync(context));
        await using var rig = RemoteRig.Create(server, Timeout, new FaultClock());
        using var cancellation = new CancellationTokenSource();

        var call = rig.CallAsync(cancellation.Token);
        await server.Arrivals.WhenReached(1);
        await cancellation.CancelAsync();

        var thrown = await RemoteRig.CatchAsync(call);

        Fault.Report("remote: never answers, caller cancels", RemoteRig.Describe(thrown), Fault.Describe(server.Requests));
        Assert.That(thrown, Is.InstanceOf<OperationCanceledException>());
        Assert.That(((OperationCanceledException)thrown!).CancellationToken, Is.EqualTo(cancellation.Token));
        RemoteRig.AssertOneSignedCall(server);
    }
}
