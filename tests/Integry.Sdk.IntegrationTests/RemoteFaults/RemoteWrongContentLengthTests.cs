using System.Net;
using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.RemoteFaults;

/// <summary>Integry's Content-Length does not match its body: longer than what it sends, or shorter.</summary>
public class RemoteWrongContentLengthTests
{
    [Test]
    public async Task A_body_shorter_than_its_content_length_is_a_transient_transport_fault()
    {
        RemoteRig rig = null!;
        await using var server = await FaultServer.StartAsync(async (context, attempt) =>
        {
            // The handler ends with 11 of 64 bytes sent; Kestrel then closes the connection.
            await FaultServer.StartPartialBodyAsync(context, declaredLength: 64, """{"ok":true}""");
            await FaultServer.AwaitOrAbortedAsync(rig.HeadersReceived.WhenReached(attempt), context);
        });
        rig = RemoteRig.Create(server);
        await using var _ = rig;

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());

        Fault.Report("remote: Content-Length 64, 11 bytes sent", RemoteRig.Describe(thrown), Fault.Describe(server.Requests));
        RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Transport, transient: true);
        RemoteRig.AssertOneSignedCall(server);
    }

    [Test]
    public async Task A_content_length_shorter_than_the_body_cuts_the_result_and_is_a_protocol_fault()
    {
        // Kestrel refuses to send more than it declared, so a raw socket plays Integry here.
        using var server = new RawSocketServer();
        const string body = """{"network_code":"200","output":{"ok":true}}""";
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Listen(async (socket, _, cancellationToken) =>
        {
            received.TrySetResult(await RawSocketServer.ReadRequestAsync(socket, cancellationToken));
            await RawSocketServer.AnswerAsync(socket, $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\nConnection: close\r\n\r\n{body}", cancellationToken);
        });
        var port = server.Port;
        await using var rig = RemoteRig.Create(new Uri($"http://127.0.0.1:{port}/"));

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());
        var seen = await received.Task.WaitAsync(Fault.Guard);

        Fault.Report("remote: Content-Length 20, 43-byte body", RemoteRig.Describe(thrown), $"1 request: {seen.Split("\r\n")[0]}");
        var exception = RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Protocol, transient: false, HttpStatusCode.OK);
        Assert.That(exception.InnerException, Is.InstanceOf<System.Text.Json.JsonException>());
        Assert.That(seen, Does.StartWith($"POST {RemoteRig.CallPath} HTTP/1.1\r\n"));
        Assert.That(seen, Does.Contain($"Hash: {RemoteRig.Hash}\r\n").And.EndWith(RemoteRig.Arguments));
    }
}
