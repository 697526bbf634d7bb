namespace Integry.Sdk.Passthrough;

/// <summary>
/// The last handler before the one that opens sockets, whatever handlers the caller stacked above it. It checks every
/// request it is handed, the final one after any caller handler changed it: the request must carry the executor's
/// <see cref="OnwardPermit"/>, go to exactly the origin the executor checked, and (unless that origin is an app's own
/// on the local network) reach only public addresses. A caller handler that re-points a request at a redirect's
/// <c>Location</c> therefore fails before anything leaves.
/// </summary>
internal sealed class OnwardGuardHandler : DelegatingHandler
{
    public OnwardGuardHandler(HttpMessageHandler innermost, OnwardNetwork network, bool resolvePerRequest)
        : base(innermost)
    {
        Network = network;
        ResolvePerRequest = resolvePerRequest;
    }

    public OnwardNetwork Network { get; }

    /// <summary>
    /// Gets a value indicating whether host names are resolved and checked for every request. Needed when the handler below
    /// pools connections of local and public requests together (a caller's handler), so a connection opened for a local
    /// app never carries another request to that host; the SDK's own handler keeps separate pools instead.
    /// </summary>
    public bool ResolvePerRequest { get; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Not async: a request that needs no lookup goes straight on, without a state machine of its own.
        try
        {
            Check(request, out var permit);
            var uri = request.RequestUri!;
            if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
            {
                if (!permit.AllowLocalNetwork && PassthroughTarget.IsPrivateAddressLiteral(uri))
                {
                    throw NetworkAddressPolicy.NotPublicLiteral(uri.IdnHost);
                }
            }
            else if (ResolvePerRequest)
            {
                return ResolveThenSendAsync(request, uri, permit, cancellationToken);
            }

            return base.SendAsync(request, cancellationToken);
        }
        catch (Exception exception)
        {
            return Task.FromException<HttpResponseMessage>(exception);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The passthrough executor sends asynchronously only.");

    private async Task<HttpResponseMessage> ResolveThenSendAsync(HttpRequestMessage request, Uri uri, OnwardPermit permit, CancellationToken cancellationToken)
    {
        await Network.ResolvePermittedAsync(uri.IdnHost, permit.AllowLocalNetwork, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void Check(HttpRequestMessage request, out OnwardPermit permit)
    {
        if (!OnwardPermit.TryGet(request, out permit))
        {
            throw new IntegryException("This HTTP handler sends only the passthrough executor's checked requests; the request was not sent.");
        }

        if (!permit.Allows(request.RequestUri))
        {
            // The new origin is not named: a URL built from a redirect may carry the credential.
            throw new IntegryException("A handler above the executor's guard re-pointed the request at another origin (such as a redirect it followed by itself); the request was not sent. Give the executor handlers that do not follow redirects.");
        }
    }
}
