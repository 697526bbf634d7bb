using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Proxy;

/// <summary>What the test proxy does with one <c>CONNECT</c>.</summary>
internal sealed record ProxyAnswer
{
    private ProxyAnswer()
    {
    }

    /// <summary>Dial the target (through the proxy's route map), answer 200 and pipe bytes both ways.</summary>
    public static ProxyAnswer Tunnel { get; } = new() { Kind = "tunnel" };

    /// <summary>Read the request and never answer; the connection stays open until the client closes it.</summary>
    public static ProxyAnswer Hang { get; } = new() { Kind = "hang" };

    public string Kind { get; private init; } = string.Empty;

    public string? Raw { get; private init; }

    public bool CloseAfter { get; private init; }

    /// <summary>Send these bytes as the answer; then close the connection, or wait for the client to close it.</summary>
    public static ProxyAnswer Send(string raw, bool closeAfter = false) => new() { Kind = "send", Raw = raw, CloseAfter = closeAfter };
}

/// <summary>
/// A CONNECT proxy written for the tests: a <see cref="RawSocketServer"/> on 127.0.0.1 with an OS-picked port that records
/// every request head it is sent and every byte it pipes (both ways), so a test can say exactly what a proxy on the
/// path sees in cleartext. Targets are dialled through a route map (the proxy's own "DNS"), so names and public-looking
/// addresses land on loopback servers.
/// </summary>
internal sealed class LoopbackConnectProxy : IAsyncDisposable
{
    private readonly RawSocketServer _server = new();
    private readonly Func<string, IPEndPoint?> _route;
    private readonly Func<string, ProxyAnswer> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _heads = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly ConcurrentBag<Socket> _open = [];
    private readonly ConcurrentBag<Task> _serving = [];
    private readonly object _gate = new();
    private readonly MemoryStream _cleartext = new();

    private LoopbackConnectProxy(Func<string, IPEndPoint?> route, Func<string, ProxyAnswer> answer)
    {
        _route = route;
        _answer = answer;
    }

    public Uri Address => new($"http://127.0.0.1:{_server.Port}/");

    /// <summary>Gets one signal per request head received.</summary>
    public FaultSignals Connects { get; } = new();

    /// <summary>Gets one signal per connection the client closed while the proxy still held it.</summary>
    public FaultSignals Closed { get; } = new();

    /// <summary>Gets every request head received, in order, as sent.</summary>
    public IReadOnlyList<string> Heads => _heads.ToArray();

    /// <summary>Gets the CONNECT targets asked for, in order.</summary>
    public IReadOnlyList<string> Targets => _heads.Select(head => head.Split(' ')[1]).ToArray();

    /// <summary>Gets a line per event: each head (first line), each tunnel's byte counts.</summary>
    public IReadOnlyList<string> Log => _log.ToArray();

    /// <summary>Gets everything the proxy received from the client and forwarded back to it, as Latin-1 text.</summary>
    public string Cleartext
    {
        get
        {
            lock (_gate)
            {
                return Encoding.Latin1.GetString(_cleartext.GetBuffer(), 0, (int)_cleartext.Length);
            }
        }
    }

    public static LoopbackConnectProxy Start(Func<string, IPEndPoint?> route, Func<string, ProxyAnswer>? answer = null)
    {
        var proxy = new LoopbackConnectProxy(route, answer ?? (_ => ProxyAnswer.Tunnel));
        proxy._server.Listen((connection, _, _) =>
        {
            proxy._open.Add(connection);
            var serving = Task.Run(() => proxy.ServeAsync(connection), CancellationToken.None);
            proxy._serving.Add(serving);
            return serving;
        });
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Dispose();
        foreach (var connection in _open)
        {
            connection.Dispose();
        }

        try
        {
            await Task.WhenAll(_serving).WaitAsync(Fault.Guard);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Connections cut by the shutdown.
        }

        _stop.Dispose();
        _cleartext.Dispose();
    }

    /// <summary>Serves one connection; <see cref="RawSocketServer"/> closes it afterwards.</summary>
    private async Task ServeAsync(Socket connection)
    {
        try
        {
            await using var stream = new NetworkStream(connection, ownsSocket: false);
            var head = await ReadHeadAsync(stream);
            if (head is null)
            {
                return;
            }

            _heads.Enqueue(head);
            _log.Enqueue("proxy <- " + head.Split("\r\n")[0]);
            Connects.Signal();
            var answer = _answer(head);
            switch (answer.Kind)
            {
                case "hang":
                    await WaitForCloseAsync(stream);
                    return;
                case "send":
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(answer.Raw!), _stop.Token);
                    _log.Enqueue("proxy -> " + answer.Raw!.Split("\r\n")[0] + (answer.CloseAfter ? " (then closes)" : string.Empty));
                    if (!answer.CloseAfter)
                    {
                        await WaitForCloseAsync(stream);
                    }

                    return;
                default:
                    await TunnelAsync(stream, head.Split(' ')[1]);
                    return;
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client or the shutdown cut the connection.
        }
    }

    private async Task TunnelAsync(NetworkStream stream, string target)
    {
        if (_route(target) is not { } endpoint)
        {
            await stream.WriteAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), _stop.Token);
            return;
        }

        using var upstream = new TcpClient();
        await upstream.ConnectAsync(endpoint, _stop.Token);
        await stream.WriteAsync("HTTP/1.1 200 Connection established\r\n\r\n"u8.ToArray(), _stop.Token);
        _log.Enqueue("proxy -> HTTP/1.1 200 Connection established");
        var app = upstream.GetStream();
        var up = PipeAsync(stream, app);
        var down = PipeAsync(app, stream);
        await Task.WhenAny(up, down);
        upstream.Client.Shutdown(SocketShutdown.Both);
        stream.Socket.Shutdown(SocketShutdown.Both);
        var sent = await up;
        var received = await down;
        _log.Enqueue($"tunnel to {target}: {sent} bytes client -> app, {received} bytes app -> client");
    }

    private async Task<long> PipeAsync(Stream from, Stream to)
    {
        var buffer = new byte[16 * 1024];
        long total = 0;
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                Record(buffer.AsSpan(0, read));
                total += read;
                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // One side closed.
        }

        return total;
    }

    private async Task<string?> ReadHeadAsync(NetworkStream stream)
    {
        // Byte by byte, so nothing of what follows the head (the tunnel's first bytes) is taken.
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        Record(head.ToArray());
        return Encoding.Latin1.GetString(head.ToArray());
    }

    private async Task WaitForCloseAsync(NetworkStream stream)
    {
        var buffer = new byte[1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, _stop.Token)) > 0)
            {
                Record(buffer.AsSpan(0, read));
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            // A reset is a close too.
        }

        _log.Enqueue("proxy: the client closed the connection");
        Closed.Signal();
    }

    private void Record(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
        {
            _cleartext.Write(bytes);
        }
    }
}
