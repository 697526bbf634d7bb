namespace Integry.Sdk;

/// <summary>What the local executor asks a <see cref="PassthroughProxy"/> to connect to.</summary>
public enum PassthroughProxyMode
{
    /// <summary>
    /// The executor resolves the app's host name itself, checks every address it resolves to (public only: no private,
    /// loopback, link-local or special-use address), and asks the proxy for a tunnel to one checked address and the app's
    /// port (<c>CONNECT 203.0.113.7:443</c>). TLS to the app runs inside the tunnel, with the app's host name for SNI and
    /// certificate validation. The address check means what it means without a proxy. The default.
    /// </summary>
    ConnectToCheckedAddress = 0,

    /// <summary>
    /// Weaker: the executor asks the proxy for a tunnel to the app's host name and port (<c>CONNECT api.example.com:443</c>)
    /// and the proxy resolves the name. Use it only where this machine cannot resolve public names. The executor cannot
    /// see which address the name leads to, so it checks only what it can (IP literals and <c>localhost</c> names are
    /// refused for public apps); a name that resolves, at the proxy, to an address on the proxy's own network is reached.
    /// TLS to the app still runs end to end inside the tunnel, so the proxy never sees the request or the credential.
    /// </summary>
    ConnectToHostName = 1,
}
