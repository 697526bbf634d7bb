using System.Net;
using System.Net.Sockets;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// The rules every handler that carries credentials must follow: it never follows a redirect itself (the executor
/// does, checking each hop), keeps no cookies, uses no proxy (the address check must see the app's own address),
/// and connects only to public addresses unless the request's app allows the local network.
/// </summary>
internal static class PassthroughHandlerPolicy
{
    /// <summary>The key under which a request carries its app's permission to reach the local network.</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowLocalNetworkKey = new("Integry.Sdk.AllowLocalNetwork");

    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.All,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = ConnectToPermittedAddressAsync,
    };

    /// <summary>Applies the rules to the innermost handler of a chain, where it is one of .NET's own handlers.</summary>
    /// <exception cref="ArgumentException">The handler has already sent requests, so its settings can no longer change.</exception>
    public static HttpMessageHandler Harden(HttpMessageHandler handler)
    {
        var innermost = handler;
        while (innermost is DelegatingHandler { InnerHandler: { } inner })
        {
            innermost = inner;
        }

        try
        {
            switch (innermost)
            {
                case SocketsHttpHandler sockets:
                    sockets.AllowAutoRedirect = false;
                    sockets.UseCookies = false;
                    sockets.UseProxy = false;
                    sockets.ConnectCallback ??= ConnectToPermittedAddressAsync;
                    break;
                case HttpClientHandler client:
                    client.AllowAutoRedirect = false;
                    client.UseCookies = false;
                    client.UseProxy = false;
                    break;
            }
        }
        catch (InvalidOperationException exception)
        {
            throw new ArgumentException("The HTTP handler has already sent requests, so the executor cannot turn off its redirects, cookies and proxy: give it a new handler.", nameof(handler), exception);
        }

        return handler;
    }

    /// <summary>Connects only to public addresses, so a host name that resolves to a private one (DNS rebinding) gets no credential.</summary>
    private static async ValueTask<Stream> ConnectToPermittedAddressAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var allowLocal = context.InitialRequestMessage.Options.TryGetValue(AllowLocalNetworkKey, out var allowed) && allowed;
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var permitted = allowLocal ? addresses : addresses.Where(NetworkAddressPolicy.IsPublic).ToArray();
        if (permitted.Length == 0)
        {
            throw new HttpRequestException($"'{context.DnsEndPoint.Host}' resolves only to private, loopback or link-local addresses; the app does not allow the local network.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
