using System.Net;
using System.Net.Sockets;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// Where the address guard learns a host's addresses and how it connects: DNS and a TCP socket. Tests replace the two
/// steps (names of their own mapped to loopback servers) and keep the check between them, which never changes.
/// </summary>
internal class OnwardNetwork
{
    public static OnwardNetwork System { get; } = new();

    public virtual async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(Apps.CatalogEntry.WithoutBrackets(host), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);

    public virtual async ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Resolves the host and checks every address: all must be public unless the request's app allows the local network.</summary>
    /// <exception cref="OnwardGuardException">An address is private, loopback, link-local or special-use and the local network is not allowed.</exception>
    public async ValueTask<IPAddress[]> ResolvePermittedAsync(string host, bool allowLocalNetwork, CancellationToken cancellationToken)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"'{host}' could not be resolved: {exception.SocketErrorCode}.", exception);
        }

        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"'{host}' has no addresses.");
        }

        // Every address, not just one: a connection pooled to any of them could carry the request.
        if (!allowLocalNetwork && !addresses.All(NetworkAddressPolicy.IsPublic))
        {
            throw new OnwardGuardException($"'{host}' resolves to a private, loopback or link-local address; only an app registered for the local network may be reached there, and only on its own origin.");
        }

        return addresses;
    }
}

/// <summary>The guard (or, for <see cref="ProxyTunnelException"/>, the egress proxy) refused a request before it was sent:
/// not a transient fault, so it is never retried.</summary>
internal class OnwardGuardException(string message) : HttpRequestException(message);
