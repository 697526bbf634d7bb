namespace Integry.Sdk.Passthrough;

/// <summary>
/// The rules every handler chain that carries credentials must follow: it never follows a redirect itself (the executor
/// does, checking each hop), keeps no cookies, uses no proxy (the address check must see the app's own address), and
/// ends in an <see cref="OnwardGuardHandler"/> directly above the handler that opens sockets, so every request, on
/// every hop and every pooled connection, is checked just before it leaves.
/// </summary>
internal static class PassthroughHandlerPolicy
{
    /// <summary>Creates the SDK's own chain: the guard over separate pools for public and local-network requests.</summary>
    public static HttpMessageHandler CreatePrimaryHandler(OnwardNetwork? network = null, Action<SocketsHttpHandler>? configure = null)
    {
        network ??= OnwardNetwork.System;
        return new OnwardGuardHandler(new LocalNetworkPoolsHandler(network, configure), network, resolvePerRequest: false);
    }

    /// <summary>Puts the guard at the bottom of a caller's chain and applies the rules to the handler that opens sockets.</summary>
    /// <param name="handler">The caller's handler or chain.</param>
    /// <param name="allowUnguarded">Whether a socket handler the SDK cannot guard (not one of .NET's own) is accepted; its
    /// requests are still checked for their origin, but host names are not resolved and checked.</param>
    /// <param name="network">Where the guard resolves names and connects; DNS and TCP when <see langword="null"/>.</param>
    /// <returns>The chain to send through: <paramref name="handler"/> itself, or the guard when the handler is not a chain.</returns>
    /// <exception cref="ArgumentException">The handler cannot be guarded, or it has already sent requests.</exception>
    public static HttpMessageHandler Harden(HttpMessageHandler handler, bool allowUnguarded, OnwardNetwork? network = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
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
                    sockets.ConnectCallback = Compose(sockets.ConnectCallback, network);
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

    /// <summary>Runs the address check before the caller's own connect callback (which is kept), or before a plain connect.</summary>
    private static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Compose(
        Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? callers, OnwardNetwork network) =>
        async (context, cancellationToken) =>
        {
            var allowLocal = OnwardPermit.AllowsLocalNetwork(context.InitialRequestMessage);
            var addresses = await network.ResolvePermittedAsync(context.DnsEndPoint.Host, allowLocal, cancellationToken).ConfigureAwait(false);
            return callers is null
                ? await network.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false)
                : await callers(context, cancellationToken).ConfigureAwait(false);
        };
}
