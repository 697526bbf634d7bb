using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.RemoteFaults;

/// <summary>
/// Integry answers 200 with a Content-Length, sends the first bytes of the result and drops the connection. The server
/// waits until the client has the headers before dropping it, so the cut is always mid-body.
/// </summary>
public class RemoteResetMidBodyTests
{
    [Test]
    public async Task The_caller_gets_a_transient_transport_exception_not_an_io_exception()
    {
        RemoteRig rig = null!;
        await using var server = await FaultServer.StartAsync(async (context, attempt) =>
        {
            await FaultServer.StartPartialBodyAsync(context, declaredLength: 200, """{"network_code":"200","output":{"items":[1,2""");
            await FaultServer.AwaitOrAbortedAsync(rig.HeadersReceived.WhenReached(attempt), context);
            context.Abort();
        });
        rig = RemoteRig.Create(server);
        await using var _ = rig;

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());

        Fault.Report("remote: reset mid-body (200, Content-Length 200, 44 bytes, then RST)", RemoteRig.Describe(thrown), Fault.Describe(server.Requests));
        var exception = RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Transport, transient: true);
        Assert.That(exception.InnerException, Is.InstanceOf<IOException>());
        RemoteRig.AssertOneSignedCall(server);
    }
}
