using System.Net;
using System.Text;

namespace Integry.Sdk;

/// <summary>
/// An HTTP proxy through which the local <see cref="PassthroughExecutor"/> reaches public apps, with <c>CONNECT</c> tunnels.
/// TLS runs end to end between this process and the app inside the tunnel, so the proxy sees the address and port it
/// is asked for (see <see cref="Mode"/>), never the request, the response or the user's credential.
/// </summary>
/// <remarks>
/// Set it as <see cref="PassthroughOptions.Proxy"/>. The executor never reads a proxy from the environment
/// (<c>HTTP_PROXY</c>, <c>HTTPS_PROXY</c>, <c>ALL_PROXY</c>) or the system settings: without this option it connects directly.
/// Apps registered for the local network (<see cref="AppDefinition.AllowLocalNetwork"/>) are always reached directly,
/// never through the proxy, since a private address means another machine on the proxy's side.
/// </remarks>
public sealed class PassthroughProxy
{
    private readonly PassthroughProxyMode _mode;
    private readonly NetworkCredential? _credentials;

    /// <summary>Creates the setting for a proxy.</summary>
    /// <param name="address">The proxy's absolute <c>http://</c> address, host and port only, such as <c>http://proxy.corp.example:3128</c>.</param>
    /// <exception cref="ArgumentException">The address is not absolute, not <c>http</c>, carries user information
    /// (use <see cref="Credentials"/>), or has a path, query or fragment.</exception>
    public PassthroughProxy(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);

        // The messages never quote the address whole: a URI with user information would carry a password.
        if (!address.IsAbsoluteUri)
        {
            throw new ArgumentException("The proxy address must be an absolute http:// URI, such as http://proxy.corp.example:3128.", nameof(address));
        }

        if (!string.IsNullOrEmpty(address.UserInfo))
        {
            throw new ArgumentException("The proxy address must not carry user information; set PassthroughProxy.Credentials instead, so the password never appears where the address is shown.", nameof(address));
        }

        if (!string.Equals(address.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The proxy address must be an http:// URI (the tunnel to the app is TLS end to end; TLS to the proxy itself is not supported); it is {address.Scheme}://.", nameof(address));
        }

        if (address.HostNameType is not (UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6) || address.IdnHost.Length == 0)
        {
            throw new ArgumentException("The proxy address must name a host, such as http://proxy.corp.example:3128.", nameof(address));
        }

        if (address.AbsolutePath != "/" || address.Query.Length > 0 || address.Fragment.Length > 0)
        {
            throw new ArgumentException($"The proxy address must be the proxy's host and port only, without a path, query or fragment: {address.GetLeftPart(UriPartial.Authority)}.", nameof(address));
        }

        Address = new Uri(address.GetLeftPart(UriPartial.Authority) + "/", UriKind.Absolute);
    }

    /// <summary>Gets the proxy's address: <c>http://</c>, host and port.</summary>
    public Uri Address { get; }

    /// <summary>Gets what the proxy is asked to connect to: the executor's checked address (the default) or, weaker, the app's host name.</summary>
    /// <exception cref="ArgumentException">The value is not one of <see cref="PassthroughProxyMode"/>.</exception>
    public PassthroughProxyMode Mode
    {
        get => _mode;
        init
        {
            if (value is not (PassthroughProxyMode.ConnectToCheckedAddress or PassthroughProxyMode.ConnectToHostName))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "PassthroughProxy.Mode must be ConnectToCheckedAddress or ConnectToHostName.");
            }

            _mode = value;
        }
    }

    /// <summary>
    /// Gets the user name and password the proxy asks for, sent as <c>Proxy-Authorization: Basic</c> on each <c>CONNECT</c>
    /// (only to the proxy, never to an app, and never logged); none when <see langword="null"/>. A copy is kept: changing
    /// the credential afterwards has no effect.
    /// </summary>
    /// <exception cref="ArgumentException">The user name is empty or holds a colon or a control character, the password
    /// holds a control character, or a domain is set (only Basic authentication is supported).</exception>
    public NetworkCredential? Credentials
    {
        get => _credentials is null ? null : new NetworkCredential(_credentials.UserName, _credentials.Password);
        init
        {
            if (value is null)
            {
                _credentials = null;
                ProxyAuthorization = null;
                return;
            }

            var user = value.UserName;
            var password = value.Password;
            if (string.IsNullOrEmpty(user) || user.Contains(':', StringComparison.Ordinal) || user.Any(char.IsControl))
            {
                throw new ArgumentException("PassthroughProxy.Credentials needs a user name without a colon or control characters (Basic authentication).", nameof(value));
            }

            if (password.Any(char.IsControl))
            {
                throw new ArgumentException("PassthroughProxy.Credentials must not hold control characters in the password.", nameof(value));
            }

            if (!string.IsNullOrEmpty(value.Domain))
            {
                throw new ArgumentException("PassthroughProxy.Credentials supports Basic authentication only: put the domain in the user name if the proxy expects it (DOMAIN\\user).", nameof(value));
            }

            _credentials = new NetworkCredential(user, password);
            ProxyAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
        }
    }

    /// <summary>Gets the <c>Proxy-Authorization</c> header value, or <see langword="null"/> without credentials.</summary>
    internal string? ProxyAuthorization { get; private init; }

    /// <summary>Describes the proxy without its credentials.</summary>
    /// <returns>The address, the mode and whether credentials are set.</returns>
    public override string ToString() =>
        $"{Address} ({Mode}{(_credentials is null ? string.Empty : ", with credentials")})";

    /// <summary>Whether another setting describes the same proxy used the same way.</summary>
    internal bool SameAs(PassthroughProxy? other) =>
        other is not null
        && Address == other.Address
        && Mode == other.Mode
        && string.Equals(ProxyAuthorization, other.ProxyAuthorization, StringComparison.Ordinal);
}
