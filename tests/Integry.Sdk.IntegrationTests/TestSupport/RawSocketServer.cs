using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>
/// A TCP server on 127.0.0.1 written with raw sockets, for answers Kestrel will not give (a Content-Length that lies,
/// plain text to a TLS handshake). Its socket is bound to an OS-picked port at once but only accepts after
/// <see cref="Listen"/>: until then the port is ours (no other process can take it) and every connection is refused.
/// </summary>
internal sealed class RawSocketServer : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly CancellationTokenSource _stop = new();

    public RawSocketServer() => _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    /// <summary>Gets one signal per accepted connection.</summary>
    public FaultSignals Connections { get; } = new();

    /// <summary>Starts accepting; each connection is served by <paramref name="serve"/> (with its 1-based number) and then closed.</summary>
    public void Listen(Func<Socket, int, CancellationToken, Task> serve)
    {
        _socket.Listen();
        _ = AcceptAsync(serve);
    }

    /// <summary>Reads one request: the head and a body of its Content-Length.</summary>
    public static async Task<string> ReadRequestAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return received.ToString();
            }

            received.Append(Encoding.UTF8.GetString(buffer, 0, read));
            var text = received.ToString();
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            var lengthLine = text[..end].Split("\r\n").FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
            if (Encoding.UTF8.GetByteCount(text[(end + 4)..]) >= length)
            {
                return text;
            }
        }
    }

    /// <summary>Writes raw bytes (an HTTP answer, or anything else) and ends the sending side.</summary>
    public static async Task AnswerAsync(Socket socket, string answer, CancellationToken cancellationToken)
    {
        await socket.SendAsync(Encoding.UTF8.GetBytes(answer), cancellationToken);
        socket.Shutdown(SocketShutdown.Send);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync(Func<Socket, int, CancellationToken, Task> serve)
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var connection = await _socket.AcceptAsync(_stop.Token);
                var number = Connections.Signal();
                _ = ServeAsync(connection, number, serve);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ServeAsync(Socket connection, int number, Func<Socket, int, CancellationToken, Task> serve)
    {
        using (connection)
        {
            try
            {
                await serve(connection, number, _stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away, or the server stopped.
            }
        }
    }
}
