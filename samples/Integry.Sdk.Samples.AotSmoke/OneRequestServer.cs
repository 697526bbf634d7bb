using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// A loopback "app" that answers exactly one HTTP request with a fixed JSON body and reports the Authorization header
/// it saw. Plain sockets, so it runs under Native AOT and in a fresh consumer project alike (both use this file).
/// </summary>
internal sealed class OneRequestServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public OneRequestServer(string jsonBody)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        AuthorizationSeen = ServeAsync(Encoding.UTF8.GetBytes(jsonBody));
    }

    public int Port { get; }

    /// <summary>Gets the Authorization header of the one request, once it has been answered.</summary>
    public Task<string?> AuthorizationSeen { get; }

    public void Dispose() => _listener.Dispose();

    private async Task<string?> ServeAsync(byte[] body)
    {
        using var connection = await _listener.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var buffer = new byte[8192];
        var read = 0;
        while (!Encoding.ASCII.GetString(buffer, 0, read).Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var count = await stream.ReadAsync(buffer.AsMemory(read));
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        var authorization = Encoding.ASCII.GetString(buffer, 0, read).Split("\r\n")
            .FirstOrDefault(line => line.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase))?["Authorization:".Length..].Trim();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
        await stream.WriteAsync(body);
        return authorization;
    }
}
