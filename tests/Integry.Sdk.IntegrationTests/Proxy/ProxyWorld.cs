using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Integry.Sdk.IntegrationTests.Trust;
using Integry.Sdk.Passthrough;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integry.Sdk.IntegrationTests.Proxy;

/// <summary>
/// The world of the proxy tests, built like the TLS leak matrix's: a simulated public app (<c>api.app.example</c>) and an
/// "evil" server (<c>evil.example</c>), each over real TLS with its own certificate, on 127.0.0.1. The SDK's resolver maps
/// the names to public-looking addresses (so the address check runs as it would), a private name to 10.0.0.7; the test
/// proxy maps the same names and addresses to the loopback servers when it dials them.
/// </summary>
internal static class ProxyWorld
{
    public const string AppHost = "api.app.example";
    public const string EvilHost = "evil.example";
    public const string PrivateHost = "intranet.app.example";
    public static readonly IPAddress AppAddress = IPAddress.Parse("11.0.0.1");
    public static readonly IPAddress EvilAddress = IPAddress.Parse("11.0.0.2");
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

    public static X509Certificate2 SelfSigned(string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));

        // Re-imported from PKCS#12 so the TLS stack on every platform can use its private key.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Trusts exactly these certificates, and only for the name they were made for (the SNI the client sent
    /// is the name it validates against: a certificate for another name fails even when trusted).</summary>
    public static RemoteCertificateValidationCallback TrustOnly(params X509Certificate2[] certificates) =>
        (_, certificate, _, errors) =>
            certificate is not null
            && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
            && certificates.Any(trusted => trusted.GetCertHashString(HashAlgorithmName.SHA256) == certificate.GetCertHashString(HashAlgorithmName.SHA256));

    /// <summary>An executor whose handler is the SDK's own (guard, split pools) with the test's resolver, TLS trust and proxy.</summary>
    public static IntegryClient Client(
        AppDefinition app,
        Credential credential,
        PassthroughProxy? proxy,
        RemoteCertificateValidationCallback trust,
        Action<PassthroughOptions>? configure = null,
        IFunctionCallLog? callLog = null)
    {
        var options = new PassthroughOptions { IncludeBuiltInApps = false, MaxRetries = 0, RetryBaseDelay = TimeSpan.Zero, Timeout = TimeSpan.FromSeconds(15), CallLog = callLog };
        options.Apps.Add(app);
        configure?.Invoke(options);
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", app.Slug, credential);
        options.Proxy = proxy;
        options.Handler = PassthroughHandlerPolicy.CreatePrimaryHandler(new MappedNetwork(Names), sockets => sockets.SslOptions.RemoteCertificateValidationCallback = trust, proxy);
        return new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });
    }

    /// <summary>The test's DNS: its names resolve to their addresses (which the guard checks as it would any); a direct
    /// connect to one of them goes to the loopback server on the same port.</summary>
    internal sealed class MappedNetwork(Dictionary<string, IPAddress> names) : OnwardNetwork
    {
        public List<string> Resolved { get; } = [];

        public override ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            lock (Resolved)
            {
                Resolved.Add(host);
            }

            return names.TryGetValue(host, out var address) ? ValueTask.FromResult<IPAddress[]>([address]) : base.ResolveAsync(host, cancellationToken);
        }

        public override ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken) =>
            base.ConnectAsync(addresses.All(names.ContainsValue) ? [IPAddress.Loopback] : addresses, port, cancellationToken);
    }
}

/// <summary>A Kestrel server on 127.0.0.1 (https with the given certificate, or http) that records every request whole.</summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _web;

    private RecordingServer(WebApplication web) => _web = web;

    public ConcurrentQueue<string> Seen { get; } = new();

    public int Port { get; private set; }

    public bool AnyCredential => Seen.Any(Credentials.Leaked);

    public static async Task<RecordingServer> StartAsync(X509Certificate2? certificate, Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var web = builder.Build();
        var recorder = new RecordingServer(web);
        web.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            recorder.Seen.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}\n{string.Join("\n", context.Request.Headers.Select(header => header.Key + ": " + header.Value))}\n{body}");
            await handler(context);
        });
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        recorder.Port = new Uri(address).Port;
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}
