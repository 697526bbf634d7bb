namespace Integry.Sdk.Passthrough;

/// <summary>
/// The rules every handler chain that carries credentials must follow: it never follows a redirect itself (the executor
/// does, checking each hop), keeps no cookies, uses no proxy of .NET's (the address check must see the app's own address,
/// so a <see cref="PassthroughProxy"/> is a tunnel the connect callback opens after the check), and ends in an
/// <see cref="OnwardGuardHandler"/> directly above the handler that opens sockets, so every request, on every hop and
/// every pooled connection, is checked just before it leaves.
/// </summary>
internal static class PassthroughHandlerPolicy
{
    /// <summary>The caller's socket handlers this policy already hardened, with the proxy it gave them: its own connect
    /// callback is not a caller's, and the same handler may be given to another executor with the same proxy.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SocketsHttpHandler, HardenedWith> Hardened = new();

    /// <summary>Creates the SDK's own chain: the guard over separate pools for public and local-network requests.</summary>
    /// <param name="network">Where names are resolved and connections opened; DNS and TCP when <see langword="null"/>.</param>
    /// <param name="configure">Adjusts both pools' socket handlers (tests: trust in a certificate).</param>
    /// <param name="proxy">The proxy the public pool tunnels through; none when <see langword="null"/>.</param>
    public static HttpMessageHandler CreatePrimaryHandler(OnwardNetwork? network = null, Action<SocketsHttpHandler>? configure = null, PassthroughProxy? proxy = null)
    {
        network ??= OnwardNetwork.System;
        return new OnwardGuardHandler(new LocalNetworkPoolsHandler(network, configure, proxy), network, resolvePerRequest: false);
    }

    /// <summary>The client the executor sends through: the shared default, one of its own with the proxy, or the caller's handler hardened.</summary>
    /// <exception cref="ArgumentException">The handler cannot be guarded, or cannot tunnel through the proxy.</exception>
    public static Func<HttpMessageInvoker> HttpClientFor(PassthroughOptions? options)
    {
        var proxy = options?.Proxy;
        if (options?.Handler is { } handler)
        {
            var hardened = new HttpMessageInvoker(Harden(handler, options.AllowUnguardedHandler, network: null, proxy), disposeHandler: false);
            return () => hardened;
        }

        if (proxy is null)
        {
            return static () => PassthroughExecutor.SharedInvoker.Value;
        }

        // Its own pools: the shared client connects directly.
        var client = new HttpMessageInvoker(CreatePrimaryHandler(proxy: proxy));
        return () => client;
    }

    /// <summary>
    /// Why a handler cannot carry requests with this proxy setting, or <see langword="null"/> when it can. A handler that
    /// an executor already hardened (its own pools, or a caller's SocketsHttpHandler, guarded or not) keeps the setting it
    /// was hardened with, so another setting, a proxy or none, is a conflict rather than silently ignored.
    /// </summary>
    public static string? ProxyConflict(HttpMessageHandler? handler, PassthroughProxy? proxy)
    {
        if (handler is null)
        {
            return null;
        }

        var innermost = handler;
        while (innermost is DelegatingHandler { InnerHandler: { } inner })
        {
            // Through the guard too: what decides is the handler that opens the sockets.
            innermost = inner;
        }

        switch (innermost)
        {
            case LocalNetworkPoolsHandler pools when !SameProxy(proxy, pools.Proxy):
                return pools.Proxy is null
                    ? "PassthroughOptions.Proxy is set, but the Handler was created without it (PassthroughExecutor.CreatePrimaryHandler() connects directly): leave Handler null, or give a SocketsHttpHandler."
                    : "The Handler was created with another proxy setting than PassthroughOptions.Proxy: leave Handler null, or give each setting a handler of its own.";
            case LocalNetworkPoolsHandler:
                return null;
            case SocketsHttpHandler sockets when Hardened.TryGetValue(sockets, out var hardened):
                return SameProxy(proxy, hardened.Proxy)
                    ? null
                    : "The SocketsHttpHandler was already given to an executor with another proxy setting than PassthroughOptions.Proxy, and keeps that one: give each setting a handler of its own.";
        }

        if (proxy is null)
        {
            return null;
        }

        return innermost switch
        {
            SocketsHttpHandler { ConnectCallback: not null } =>
                "PassthroughOptions.Proxy is set, but the SocketsHttpHandler has a ConnectCallback of its own: the executor opens the tunnels in its connect callback, so give a handler without one.",
            SocketsHttpHandler when proxy.Mode == PassthroughProxyMode.ConnectToHostName =>
                "PassthroughProxyMode.ConnectToHostName needs the SDK's own handler (leave PassthroughOptions.Handler null): a caller's SocketsHttpHandler shares one pool between local and public requests, so the executor resolves every host itself.",
            SocketsHttpHandler => null,
            HttpClientHandler =>
                "PassthroughOptions.Proxy is set, but an HttpClientHandler cannot open the executor's tunnels: give a SocketsHttpHandler, or leave Handler null.",
            _ => "PassthroughOptions.Proxy is set, but the Handler does not open sockets the executor can tunnel (a test double?): leave Proxy null for it.",
        };
    }

    private static bool SameProxy(PassthroughProxy? proxy, PassthroughProxy? other) => proxy is null ? other is null : proxy.SameAs(other);

    /// <summary>Puts the guard at the bottom of a caller's chain and applies the rules to the handler that opens sockets.</summary>
    /// <param name="handler">The caller's handler or chain.</param>
    /// <param name="allowUnguarded">Whether a socket handler the SDK cannot guard (not one of .NET's own) is accepted; its
    /// requests are still checked for their origin, but host names are not resolved and checked.</param>
    /// <param name="network">Where the guard resolves names and connects; DNS and TCP when <see langword="null"/>.</param>
    /// <param name="proxy">The proxy a caller's <see cref="SocketsHttpHandler"/> tunnels through for public apps; none when <see langword="null"/>.</param>
    /// <returns>The chain to send through: <paramref name="handler"/> itself, or the guard when the handler is not a chain.</returns>
    /// <exception cref="ArgumentException">The handler cannot be guarded, cannot tunnel through the proxy, or it has already sent requests.</exception>
    public static HttpMessageHandler Harden(HttpMessageHandler handler, bool allowUnguarded, OnwardNetwork? network = null, PassthroughProxy? proxy = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (ProxyConflict(handler, proxy) is { } conflict)
        {
            throw new ArgumentException(conflict, nameof(handler));
        }

        network ??= OnwardNetwork.System;
        DelegatingHandler? lowest = null;
        var innermost = handler;
        while (innermost is DelegatingHandler delegating)
        {
            if (delegating is OnwardGuardHandler)
            {
                // Already guarded (the SDK's own handler, or a chain hardened before): nothing to add.
                return handler;
            }

            if (delegating.InnerHandler is null)
            {
                throw new ArgumentException($"The HTTP handler chain ends in a {delegating.GetType().Name} without an inner handler.", nameof(handler));
            }

            lowest = delegating;
            innermost = delegating.InnerHandler;
        }

        bool resolvePerRequest;
        try
        {
            switch (innermost)
            {
                case SocketsHttpHandler sockets:
                    sockets.AllowAutoRedirect = false;
                    sockets.UseCookies = false;
                    sockets.UseProxy = false;
                    sockets.ConnectCallback = Compose(sockets.ConnectCallback, network, proxy);
                    Hardened.AddOrUpdate(sockets, new HardenedWith(proxy));
                    resolvePerRequest = true;
                    break;
                case HttpClientHandler client:
                    // Its socket handler is out of reach: every request's host is resolved and checked before it is sent.
                    client.AllowAutoRedirect = false;
                    client.UseCookies = false;
                    client.UseProxy = false;
                    resolvePerRequest = true;
                    break;
                case LocalNetworkPoolsHandler:
                    resolvePerRequest = false;
                    break;
                default:
                    if (!allowUnguarded)
                    {
                        throw new ArgumentException(
                            $"The executor cannot check the addresses a {innermost.GetType().Name} connects to, so it would not know where the users' credentials go. Give it a SocketsHttpHandler or an HttpClientHandler (any DelegatingHandlers above it are fine), or, for a test double that opens no sockets, set PassthroughOptions.AllowUnguardedHandler = true.",
                            nameof(handler));
                    }

                    resolvePerRequest = false;
                    break;
            }

            var guard = new OnwardGuardHandler(innermost, network, resolvePerRequest);
            if (lowest is null)
            {
                return guard;
            }

            lowest.InnerHandler = guard;
            return handler;
        }
        catch (InvalidOperationException exception)
        {
            throw new ArgumentException("The HTTP handler has already sent requests, so the executor cannot turn off its redirects, cookies and proxy or add its address check: give it a new handler.", nameof(handler), exception);
        }
    }

    /// <summary>Runs the address check before the caller's own connect callback (which is kept), or before a plain connect;
    /// with a proxy (never together with a caller's callback), a public request's connection is a tunnel opened after the check.</summary>
    private static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Compose(
        Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? callers, OnwardNetwork network, PassthroughProxy? proxy) =>
        async (context, cancellationToken) =>
        {
            var allowLocal = OnwardPermit.AllowsLocalNetwork(context.InitialRequestMessage);
            if (proxy is not null && !allowLocal)
            {
                return await ProxyTunnel.ConnectAsync(proxy, network, context.DnsEndPoint.Host, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            }

            var addresses = await network.ResolvePermittedAsync(context.DnsEndPoint.Host, allowLocal, cancellationToken).ConfigureAwait(false);
            return callers is null
                ? await network.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false)
                : await callers(context, cancellationToken).ConfigureAwait(false);
        };

    private sealed record HardenedWith(PassthroughProxy? Proxy);
}
