using System.Net;
using System.Net.Security;
using Integry.Sdk.IntegrationTests.Trust;
using Integry.Sdk.Passthrough;

namespace Integry.Sdk.IntegrationTests.Proxy;

/// <summary>
/// The world of the proxy tests, built like the TLS leak matrix's: a simulated public app (<c>api.app.example</c>) and an
/// "evil" server (<c>evil.example</c>), each over real TLS with its own certificate, on 127.0.0.1. The SDK's resolver maps
/// the names to public-looking addresses (so the address check runs as it would), a private name to 10.0.0.7; the test
/// proxy maps the same names and addresses to the loopback servers when it dials them.
/// </summary>
internal static class ProxyWorld
{
    public const string AppHost = RedirectWorld.AppHost;
    public const string EvilHost = RedirectWorld.EvilHost;
    public const string PrivateHost = "intranet.app.example";
    public static readonly IPAddress AppAddress = RedirectWorld.AppAddress;
    public static readonly IPAddress EvilAddress = RedirectWorld.EvilAddress;
    public static readonly IPAddress PrivateAddress = IPAddress.Parse("10.0.0.7");

    public static readonly Dictionary<string, IPAddress> Names = new()
    {
        [AppHost] = AppAddress,
        [EvilHost] = EvilAddress,
        [PrivateHost] = PrivateAddress,
    };

    /// <summary>The proxy's route map: any of the world's names or addresses, with a port, goes to 127.0.0.1 on that port.</summary>
    public static IPEndPoint? Route(string target)
    {
        var colon = target.LastIndexOf(':');
        var host = target[..colon].Trim('[', ']');
        var port = int.Parse(target[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var known = Names.ContainsKey(host) || Names.Values.Any(address => address.ToString() == host);
        return known ? new IPEndPoint(IPAddress.Loopback, port) : null;
    }

    /// <summary>An executor whose handler is the SDK's own (guard, split pools) with the test's resolver (<paramref name="network"/>, else
    /// one over <see cref="Names"/>), TLS trust and proxy.</summary>
    public static IntegryClient Client(
        AppDefinition app,
        Credential credential,
        PassthroughProxy? proxy,
        RemoteCertificateValidationCallback trust,
        Action<PassthroughOptions>? configure = null,
        IFunctionCallLog? callLog = null,
        MappedNetwork? network = null)
    {
        var options = new PassthroughOptions { IncludeBuiltInApps = false, MaxRetries = 0, RetryBaseDelay = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(15), CallLog = callLog };
        options.Apps.Add(app);
        configure?.Invoke(options);
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", app.Slug, credential);
        options.Proxy = proxy;
        options.Handler = PassthroughHandlerPolicy.CreatePrimaryHandler(network ?? new MappedNetwork(Names), sockets => sockets.SslOptions.RemoteCertificateValidationCallback = trust, proxy);
        return new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });
    }
}
