using System.Security.Cryptography.X509Certificates;
using System.Text;
using Integry.Sdk.IntegrationTests.TestSupport;
using Integry.Sdk.IntegrationTests.Trust;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Proxy;

/// <summary>
/// The TLS leak matrix's redirect scenarios, run through the egress proxy in both modes: every credential placement x
/// {302, 307} x {same origin, other port, other host, https to http, echo in the URL, app -> foreign -> app}. The
/// foreign side receives nothing of the credential, the proxy sees nothing of it in cleartext (including a credential-free
/// plain-http hop, which crosses it unencrypted), and the proxy is asked only for the hosts and ports the hops name.
/// </summary>
[NonParallelizable]
public class ProxyLeakMatrixTests
{
    private static readonly string[] Scenarios = ["same origin", "other port", "other host", "https to http", "echo in the url", "app -> foreign -> app"];
    private static readonly int[] Statuses = [302, 307];

    private X509Certificate2 _appCertificate = null!;
    private X509Certificate2 _evilCertificate = null!;
    private RecordingServer _app = null!;
    private RecordingServer _appOtherPort = null!;
    private RecordingServer _appPlainHttp = null!;
    private RecordingServer _evil = null!;

    [OneTimeSetUp]
    public async Task StartServers()
    {
        _appCertificate = ProxyWorld.SelfSigned(ProxyWorld.AppHost);
        _evilCertificate = ProxyWorld.SelfSigned(ProxyWorld.EvilHost);
        _evil = await RecordingServer.StartAsync(_evilCertificate, context =>
        {
            if (context.Request.Path.StartsWithSegments("/bounce", StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = $"https://{ProxyWorld.AppHost}:{_app.Port}/v1/landing";
                return Task.CompletedTask;
            }

            return context.Response.WriteAsync("{}");
        });
        _appOtherPort = await RecordingServer.StartAsync(_appCertificate, context => context.Response.WriteAsync("{}"));
        _appPlainHttp = await RecordingServer.StartAsync(null, context => context.Response.WriteAsync("{}"));
        _app = await RecordingServer.StartAsync(_appCertificate, AnswerAsApp);
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
        foreach (var mode in new[] { PassthroughProxyMode.ConnectToCheckedAddress, PassthroughProxyMode.ConnectToHostName })
        {
            foreach (var kind in Credentials.Kinds)
            {
                foreach (var status in Statuses)
                {
                    foreach (var scenario in Scenarios)
                    {
                        yield return new TestCaseData(mode, kind, status, scenario).SetName($"{mode} | {kind} | {status} | {scenario}");
                    }
                }
            }
        }
    }

    [TestCaseSource(nameof(Matrix))]
    public async Task Through_the_proxy_the_foreign_side_and_the_proxy_see_nothing_of_the_credential(PassthroughProxyMode mode, string kind, int status, string scenario)
    {
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route);
        var app = Credentials.Place(
            new AppDefinition { Slug = "public-app", DisplayName = "Public App", Hosts = [$"{ProxyWorld.AppHost}:{_app.Port}"], BaseUrl = $"https://{ProxyWorld.AppHost}:{_app.Port}/v1/" },
            kind);
        var client = ProxyWorld.Client(app, Credentials.For(kind), new PassthroughProxy(proxy.Address) { Mode = mode }, ProxyWorld.TrustOnly(_appCertificate, _evilCertificate));
        var before = Snapshot();
        Result? result = null;
        Exception? failure = null;
        try
        {
            result = await Fault.Within(client.PassthroughAsync("public-app", new PassthroughRequest(HttpMethod.Post, $"{Uri.EscapeDataString(scenario)}/{status}", Json("""{"payload":"body-9876"}"""))));
        }
        catch (IntegryException exception)
        {
            failure = exception;
        }

        var seen = Since(before);
        var foreign = seen.Where(entry => entry.Server != "app").ToList();
        var appHost = mode == PassthroughProxyMode.ConnectToCheckedAddress ? ProxyWorld.AppAddress.ToString() : ProxyWorld.AppHost;
        var evilHost = mode == PassthroughProxyMode.ConnectToCheckedAddress ? ProxyWorld.EvilAddress.ToString() : ProxyWorld.EvilHost;
        string[] allowedTargets = [$"{appHost}:{_app.Port}", $"{appHost}:{_appOtherPort.Port}", $"{appHost}:{_appPlainHttp.Port}", $"{evilHost}:{_evil.Port}"];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(seen.Any(entry => entry.Server == "app" && Credentials.Leaked(entry.Text)), Is.True, "the app's own origin got the credential (the test can tell)");
            Assert.That(foreign.Where(entry => Credentials.Leaked(entry.Text)).Select(entry => entry.Server + ": " + entry.Text), Is.Empty, "nothing of the credential reached a foreign origin");
            if (status == 307 && scenario is not "same origin")
            {
                Assert.That(foreign.Where(entry => entry.Text.Contains("body-9876", StringComparison.Ordinal)), Is.Empty, "no body followed a 307 to a foreign origin");
            }

            Assert.That(proxy.Targets, Is.Not.Empty.And.All.AnyOf(allowedTargets), "the proxy was asked only for the hops' hosts and ports");
            Assert.That(proxy.Heads.Where(head => !head.StartsWith("CONNECT ", StringComparison.Ordinal)), Is.Empty, "only CONNECT, never a request in the proxy's cleartext form");
            Assert.That(Credentials.Leaked(proxy.Cleartext), Is.False, "the proxy saw nothing of the credential in cleartext");
            Assert.That(Credentials.Leaked(failure?.ToString() ?? result!.ToJson()), Is.False, "nothing the caller sees shows the credential");
        }

        Fault.Report(
            $"TLS leak matrix through the proxy: {mode} | {kind} | {status} | {scenario}",
            failure is null ? Fault.Describe(result!) : Fault.Describe(failure),
            $"proxy asked for: {string.Join(", ", proxy.Targets)}; foreign: {(foreign.Count == 0 ? "nothing" : string.Join(", ", foreign.Select(entry => entry.Server + " " + entry.Text.Split('\n')[0])))}, none with the credential");
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
            "same origin" => $"https://{ProxyWorld.AppHost}:{_app.Port}/v1/landing",
            "other port" => $"https://{ProxyWorld.AppHost}:{_appOtherPort.Port}/landing",
            "other host" => $"https://{ProxyWorld.EvilHost}:{_evil.Port}/landing",
            "https to http" => $"http://{ProxyWorld.AppHost}:{_appPlainHttp.Port}/landing",
            "echo in the url" => $"https://{ProxyWorld.EvilHost}:{_evil.Port}/cb?leak={Base64Url(CredentialSeenBy(context))}",
            _ => $"https://{ProxyWorld.EvilHost}:{_evil.Port}/bounce",
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
}
