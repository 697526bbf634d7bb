namespace Integry.Sdk.Passthrough;

/// <summary>
/// The SDK's own socket handler: two connection pools, one for requests to public addresses only and one for the
/// origins of apps registered for the local network. A connection opened for a local app is checked once, when it
/// connects, and can then never carry a request the local-network rule does not allow (a pooled connection to
/// <c>localhost:5002</c> opened for app B is not reused for app A's credential-free hop there). With a
/// <see cref="PassthroughProxy"/>, the public pool opens its connections as tunnels through it (after the same address
/// check); the local pool always connects directly.
/// </summary>
internal sealed class LocalNetworkPoolsHandler : HttpMessageHandler
{
    private readonly HttpMessageInvoker _public;
    private readonly HttpMessageInvoker _local;

    public LocalNetworkPoolsHandler(OnwardNetwork network, Action<SocketsHttpHandler>? configure = null, PassthroughProxy? proxy = null)
    {
        Proxy = proxy;
        _public = new HttpMessageInvoker(Create(network, allowLocalNetwork: false, configure, proxy));
        _local = new HttpMessageInvoker(Create(network, allowLocalNetwork: true, configure, proxy: null));
    }

    /// <summary>Gets the proxy the public pool tunnels through, or <see langword="null"/> when it connects directly.</summary>
    public PassthroughProxy? Proxy { get; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        (OnwardPermit.AllowsLocalNetwork(request) ? _local : _public).SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _public.Dispose();
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    private static SocketsHttpHandler Create(OnwardNetwork network, bool allowLocalNetwork, Action<SocketsHttpHandler>? configure, PassthroughProxy? proxy)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        };
        configure?.Invoke(handler);

        // The pool decides, not the request: a public pool never opens a connection to a non-public address.
        if (proxy is not null)
        {
            handler.ConnectCallback = (context, cancellationToken) =>
                ProxyTunnel.ConnectAsync(proxy, network, context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken);
            return handler;
        }

        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            var addresses = await network.ResolvePermittedAsync(context.DnsEndPoint.Host, allowLocalNetwork, cancellationToken).ConfigureAwait(false);
            return await network.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
        };
        return handler;
    }
}
