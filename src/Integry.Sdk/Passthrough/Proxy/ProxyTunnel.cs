using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// Opens the connections of the public pool through a <see cref="PassthroughProxy"/>: connect to the proxy, ask it with
/// <c>CONNECT</c> for a tunnel to the checked address (or, in the weaker mode, the host name) and the app's port, read its
/// answer, and hand the tunnel to the handler, which runs TLS to the app on top of it. The address check runs here, before
/// the proxy is asked, exactly as it does before a direct connect.
/// </summary>
internal static class ProxyTunnel
{
    /// <summary>The most the proxy's answer to <c>CONNECT</c> (status line and headers) may take.</summary>
    internal const int MaxAnswerBytes = 16 * 1024;

    private const int MaxReasonLength = 80;

    /// <summary>Opens a tunnel to <paramref name="host"/>:<paramref name="port"/> for a request to a public app.</summary>
    /// <exception cref="OnwardGuardException">The host resolves (or is) an address a public app may not be reached at.</exception>
    /// <exception cref="ProxyTunnelException">The proxy refused the tunnel in a way another attempt would not change.</exception>
    /// <exception cref="HttpRequestException">The proxy could not be reached, closed the connection, or could not reach the app.</exception>
    public static async ValueTask<Stream> ConnectAsync(PassthroughProxy proxy, OnwardNetwork network, string host, int port, CancellationToken cancellationToken)
    {
        if (proxy.Mode == PassthroughProxyMode.ConnectToHostName)
        {
            return await OpenAsync(proxy, network, HostNameTarget(host, port), cancellationToken).ConfigureAwait(false);
        }

        var addresses = await network.ResolvePermittedAsync(host, allowLocalNetwork: false, cancellationToken).ConfigureAwait(false);
        HttpRequestException? failure = null;
        foreach (var address in addresses)
        {
            try
            {
                return await OpenAsync(proxy, network, new IPEndPoint(address, port).ToString(), cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception) when (exception.StatusCode is not null && exception is not OnwardGuardException)
            {
                // The proxy answered that it could not reach this address (a 502, say): another of the host's may answer.
                failure = exception;
            }
        }

        throw failure!;
    }

    /// <summary>The <c>CONNECT</c> target in the weaker mode: the host name, which the proxy resolves; only what can be checked here is.</summary>
    private static string HostNameTarget(string host, int port)
    {
        var bare = Apps.CatalogEntry.WithoutBrackets(host);
        if (IPAddress.TryParse(bare, out var literal))
        {
            if (!NetworkAddressPolicy.IsPublic(literal))
            {
                throw NetworkAddressPolicy.NotPublicLiteral(host);
            }

            return new IPEndPoint(literal, port).ToString();
        }

        var name = bare.TrimEnd('.');
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw new OnwardGuardException($"'{host}' names the local machine (the proxy's, through a tunnel); only an app registered for the local network may be reached there, and directly.");
        }

        return string.Concat(bare, ":", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async ValueTask<Stream> OpenAsync(PassthroughProxy proxy, OnwardNetwork network, string target, CancellationToken cancellationToken)
    {
        var stream = await ConnectToProxyAsync(proxy, network, cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(Request(proxy, target), cancellationToken).ConfigureAwait(false);
            await ReadAnswerAsync(stream, proxy, target, cancellationToken).ConfigureAwait(false);
            return stream;
        }
        catch (IOException exception) when (!cancellationToken.IsCancellationRequested)
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new HttpRequestException(HttpRequestError.ProxyTunnelError, $"The proxy {proxy.Address} broke the connection while opening a tunnel to {target}: {exception.Message}", exception);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async ValueTask<Stream> ConnectToProxyAsync(PassthroughProxy proxy, OnwardNetwork network, CancellationToken cancellationToken)
    {
        // The proxy is the caller's explicit choice, usually on the company's own network: its address is not checked.
        IPAddress[] addresses;
        try
        {
            addresses = await network.ResolveAsync(proxy.Address.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"The proxy's host '{proxy.Address.IdnHost}' could not be resolved: {exception.SocketErrorCode}.", exception);
        }

        if (addresses.Length == 0)
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"The proxy's host '{proxy.Address.IdnHost}' has no addresses.");
        }

        try
        {
            return await network.ConnectAsync(addresses, proxy.Address.Port, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Could not connect to the proxy {proxy.Address}: {exception.SocketErrorCode}.", exception);
        }
    }

    private static byte[] Request(PassthroughProxy proxy, string target)
    {
        var text = new StringBuilder(160)
            .Append("CONNECT ").Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(target).Append("\r\n");
        if (proxy.ProxyAuthorization is { } authorization)
        {
            text.Append("Proxy-Authorization: ").Append(authorization).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }

    /// <summary>Reads the proxy's answer up to the blank line, and no further: what follows belongs to the tunnel.</summary>
    private static async ValueTask ReadAnswerAsync(Stream stream, PassthroughProxy proxy, string target, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxAnswerBytes);
        try
        {
            var length = 0;
            int end;
            while ((end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (length == MaxAnswerBytes)
                {
                    throw new ProxyTunnelException($"The proxy {proxy.Address} answered CONNECT to {target} with more than {MaxAnswerBytes} bytes of headers.");
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length, MaxAnswerBytes - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new HttpRequestException(HttpRequestError.ProxyTunnelError, $"The proxy {proxy.Address} closed the connection before it answered CONNECT to {target}.");
                }

                length += read;
            }

            var lineEnd = buffer.AsSpan(0, end + 2).IndexOf("\r\n"u8);
            if (!TryParseStatusLine(buffer.AsSpan(0, lineEnd), out var status, out var reason))
            {
                throw new ProxyTunnelException($"The proxy {proxy.Address} answered CONNECT to {target} with a malformed status line.");
            }

            if (status is >= 200 and < 300)
            {
                if (end + 4 != length)
                {
                    // The client speaks first in TLS: a proxy that sends bytes of its own into the tunnel is not one to trust with it.
                    throw new ProxyTunnelException($"The proxy {proxy.Address} sent data after its answer to CONNECT to {target}, before the tunnel was used.");
                }

                return;
            }

            var what = $"{status.ToString(System.Globalization.CultureInfo.InvariantCulture)}{(reason.Length == 0 ? string.Empty : " " + reason)}";
            if (status == 407)
            {
                throw new ProxyTunnelException(proxy.ProxyAuthorization is null
                    ? $"The proxy {proxy.Address} refused the tunnel to {target}: {what}; it asks for credentials: set PassthroughProxy.Credentials."
                    : $"The proxy {proxy.Address} refused the tunnel to {target}: {what}; it did not accept PassthroughProxy.Credentials.");
            }

            if (status >= 500)
            {
                // The proxy could not reach the app (or is overloaded): worth another attempt, like a refused connection.
                throw new HttpRequestException(HttpRequestError.ProxyTunnelError, $"The proxy {proxy.Address} could not open a tunnel to {target}: {what}.", null, (HttpStatusCode)status);
            }

            throw new ProxyTunnelException($"The proxy {proxy.Address} refused the tunnel to {target}: {what}.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses <c>HTTP/1.x SP 3DIGIT [SP reason]</c>; the reason is kept short and printable, as it ends up in an exception.</summary>
    private static bool TryParseStatusLine(ReadOnlySpan<byte> line, out int status, out string reason)
    {
        status = 0;
        reason = string.Empty;
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || !char.IsAsciiDigit((char)line[7]) || line[8] != (byte)' '
            || !char.IsAsciiDigit((char)line[9]) || !char.IsAsciiDigit((char)line[10]) || !char.IsAsciiDigit((char)line[11])
            || (line.Length > 12 && line[12] != (byte)' '))
        {
            return false;
        }

        status = ((line[9] - '0') * 100) + ((line[10] - '0') * 10) + (line[11] - '0');
        var text = new StringBuilder(MaxReasonLength);
        foreach (var b in line.Length > 13 ? line[13..] : [])
        {
            if (text.Length == MaxReasonLength)
            {
                break;
            }

            text.Append(b is >= 0x20 and < 0x7F ? (char)b : '?');
        }

        reason = text.ToString().Trim();
        return status >= 100;
    }
}
