using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.RemoteFaults;

/// <summary>Integry reads the whole request and drops the connection before sending a status line.</summary>
public class RemoteResetBeforeHeadersTests
{
    [Test]
    public async Task The_caller_gets_a_transient_transport_exception_and_the_call_is_not_repeated()
    {
        await using var server = await FaultServer.StartAsync((context, _) => FaultServer.DropAsync(context));
        await using var rig = RemoteRig.Create(server);

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());

        Fault.Report("remote: reset before headers", RemoteRig.Describe(thrown), Fault.Describe(server.Requests));
        var exception = RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Transport, transient: true);
        Assert.That(exception.InnerException, Is.InstanceOf<HttpRequestException>());
        RemoteRig.AssertOneSignedCall(server);
    }
}
