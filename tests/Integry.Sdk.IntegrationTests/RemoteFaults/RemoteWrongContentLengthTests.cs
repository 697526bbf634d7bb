using System.Net;
using System.Net.Sockets;
using System.Text;
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
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        const string body = """{"network_code":"200","output":{"ok":true}}""";
        var server = ServeOnceAsync(listener, $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 20\r\nConnection: close\r\n\r\n{body}");
        await using var rig = RemoteRig.Create(new Uri($"http://127.0.0.1:{port}/"));

        var thrown = await RemoteRig.CatchAsync(rig.CallAsync());
        var seen = await server.WaitAsync(Fault.Guard);

        Fault.Report("remote: Content-Length 20, 43-byte body", RemoteRig.Describe(thrown), $"1 request: {seen.Split("\r\n")[0]}");
        var exception = RemoteRig.AssertIntegryException(thrown, IntegryErrorKind.Protocol, transient: false, HttpStatusCode.OK);
        Assert.That(exception.InnerException, Is.InstanceOf<System.Text.Json.JsonException>());
        Assert.That(seen, Does.StartWith($"POST {RemoteRig.CallPath} HTTP/1.1\r\n"));
        Assert.That(seen, Does.Contain($"Hash: {RemoteRig.Hash}\r\n").And.EndWith(RemoteRig.Arguments));
    }

    /// <summary>Accepts one connection, reads the request (headers and a Content-Length body), writes the answer and closes.</summary>
    private static async Task<string> ServeOnceAsync(TcpListener listener, string answer)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var text = received.ToString();
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                var lengthLine = text[..end].Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
                var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                if (Encoding.UTF8.GetByteCount(text[(end + 4)..]) >= length)
                {
                    break;
                }
            }
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(answer));
        await stream.FlushAsync();
        return received.ToString();
    }
}
