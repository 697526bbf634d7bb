using Integry.Sdk.IntegrationTests.TestSupport;
using Integry.Sdk.IntegrationTests.Trust;

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
    private static readonly int[] Statuses = [302, 307];

    private RedirectWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartServers() => _world = await RedirectWorld.StartAsync();

    [OneTimeTearDown]
    public async Task StopServers()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }

    private static IEnumerable<TestCaseData> Matrix()
    {
        foreach (var mode in new[] { PassthroughProxyMode.ConnectToCheckedAddress, PassthroughProxyMode.ConnectToHostName })
        {
            foreach (var kind in Credentials.Kinds)
            {
                foreach (var status in Statuses)
                {
                    foreach (var scenario in RedirectWorld.Scenarios)
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
        var app = _world.PublicApp(kind);
        var client = ProxyWorld.Client(app, Credentials.For(kind), new PassthroughProxy(proxy.Address) { Mode = mode }, LoopbackTls.TrustOnly(_world.AppCertificate, _world.EvilCertificate));
        var before = _world.Snapshot();
        Result? result = null;
        Exception? failure = null;
        try
        {
            result = await Fault.Within(client.PassthroughAsync("public-app", RedirectWorld.Request(scenario, status)));
        }
        catch (IntegryException exception)
        {
            failure = exception;
        }

        var seen = _world.Since(before);
        var foreign = seen.Where(entry => entry.Server != "app").ToList();
        var appHost = mode == PassthroughProxyMode.ConnectToCheckedAddress ? ProxyWorld.AppAddress.ToString() : ProxyWorld.AppHost;
        var evilHost = mode == PassthroughProxyMode.ConnectToCheckedAddress ? ProxyWorld.EvilAddress.ToString() : ProxyWorld.EvilHost;
        string[] allowedTargets = [$"{appHost}:{_world.App.Port}", $"{appHost}:{_world.AppOtherPort.Port}", $"{appHost}:{_world.AppPlainHttp.Port}", $"{evilHost}:{_world.Evil.Port}"];
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
}
