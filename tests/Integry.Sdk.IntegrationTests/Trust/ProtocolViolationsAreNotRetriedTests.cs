using System.Net;
using System.Net.Sockets;
using System.Text;
using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Trust;

/// <summary>
/// Issue 12, class 9 (protocol): an answer whose headers exceed the limit, or whose chunked framing is malformed, is a
/// deterministic protocol violation: one request, no retry, and a clear <see cref="IntegryException"/>.
/// </summary>
public class ProtocolViolationsAreNotRetriedTests
{
    private static IEnumerable<TestCaseData> Answers()
    {
        yield return new TestCaseData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Big: " + new string('a', 200 * 1024) + "\r\n\r\n{}").SetName("headers larger than the limit");
        yield return new TestCaseData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n").SetName("chunk size that is not hex");
        yield return new TestCaseData("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n").SetName("chunk without its CRLF");
        yield return new TestCaseData("HTTP/1.1 2xx Fine\r\nContent-Length: 2\r\n\r\n{}").SetName("status line that is not a status");
    }

    [TestCaseSource(nameof(Answers))]
    public async Task It_is_sent_once_and_fails_clearly(string answer)
    {
        using var server = RawServer.Start(answer);
        var options = new PassthroughOptions { IncludeBuiltInApps = false, MaxRetries = 3, RetryBaseDelay = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(10), TimeProvider = Fault.StillClock() };
        options.Apps.Add(new AppDefinition { Slug = "raw", DisplayName = "Raw App", Hosts = ["127.0.0.1"], BaseUrl = $"http://127.0.0.1:{server.Port}/", AllowLocalNetwork = true });
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "raw", new Credential.BearerToken("raw-token-123456"));
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(client.PassthroughAsync("raw", PassthroughRequest.Get("a"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("malformed HTTP response").And.Contain("not retried"));
            Assert.That(exception.Kind, Is.EqualTo(IntegryErrorKind.Protocol));
            Assert.That(exception.IsTransient, Is.False);
            Assert.That(server.Requests, Is.EqualTo(1), "a protocol violation is not transient");
        }

        Fault.Report($"raw answer: {TestContext.CurrentContext.Test.Name}", Fault.Describe(exception), $"server: {server.Requests} request(s)");
    }

    /// <summary>A TCP server that answers every request with the same raw bytes and counts the requests.</summary>
    private sealed class RawServer : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly byte[] _answer;
        private readonly CancellationTokenSource _stop = new();
        private int _requests;

        private RawServer(string answer)
        {
            _answer = Encoding.ASCII.GetBytes(answer);
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _ = AcceptAsync();
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Requests => Volatile.Read(ref _requests);

        public static RawServer Start(string answer) => new(answer);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    _ = ServeAsync(socket);
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // Stopped.
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            using (socket)
            {
                var buffer = new byte[8192];
                var seen = new StringBuilder();
                try
                {
                    while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                    {
                        var read = await socket.ReceiveAsync(buffer, _stop.Token);
                        if (read == 0)
                        {
                            return;
                        }

                        seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    Interlocked.Increment(ref _requests);
                    await socket.SendAsync(_answer, _stop.Token);
                    socket.Shutdown(SocketShutdown.Send);
                    while (await socket.ReceiveAsync(buffer, _stop.Token) > 0)
                    {
                    }
                }
                catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    // The client went away.
                }
            }
        }
    }
}
