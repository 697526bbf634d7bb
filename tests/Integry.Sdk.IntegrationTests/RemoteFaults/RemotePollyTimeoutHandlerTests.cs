using Integry.Sdk.IntegrationTests.TestSupport;
using Polly;
using Polly.Timeout;

namespace Integry.Sdk.IntegrationTests.RemoteFaults;

/// <summary>
/// The caller adds a handler to the pipeline to Integry that runs each request in a Polly.Core resilience pipeline with
/// a timeout shorter than <see cref="IntegryClientOptions.Timeout"/>; Integry never answers, so Polly's timeout fires.
/// </summary>
public class RemotePollyTimeoutHandlerTests
{
    private static readonly TimeSpan PollyTimeout = TimeSpan.FromSeconds(2);

    [Test]
    public async Task Pollys_timeout_rejection_becomes_a_transient_timeout_exception()
    {
        var clock = new FaultClock();
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }.AddTimeout(PollyTimeout).Build();
        await using var server = await FaultServer.StartAsync((self, context, _) => self.HangAsync(context));
        await using var rig = RemoteRig.Create(server, TimeSpan.FromSeconds(30), clock, () => new ResilienceHandler(pipeline));

        var call = rig.CallAsync();
        await server.Arrivals.WhenReached(1);
        await clock.WhenScheduled(PollyTimeout);
        Assert.That(call.IsCompleted, Is.False);
        clock.Advance(PollyTimeout);

        var thrown = await RemoteRig.CatchAsync(call);

        Fault.Report("remote: Polly timeout (2 s) in a caller's handler, server never answers", RemoteRig.Describe(thrown), Fault.Describe(server.Requests));
        var exception = RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Timeout, transient: true);
        Assert.That(exception.InnerException, Is.InstanceOf<TimeoutRejectedException>());
        RemoteRig.AssertOneSignedCall(server);
    }

    /// <summary>What a caller writes: a <see cref="DelegatingHandler"/> that sends through a Polly pipeline.</summary>
    private sealed class ResilienceHandler(ResiliencePipeline pipeline) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            await pipeline.ExecuteAsync(async token => await base.SendAsync(request, token), cancellationToken);
    }
}
