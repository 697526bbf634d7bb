using System.Net;
using Integry.Sdk.IntegrationTests.TestSupport;
using Integry.Sdk.Passthrough;

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
    private static readonly int[] Statuses = [301, 302, 303, 307, 308];

    private RedirectWorld _world = null!;
    private readonly Dictionary<string, IntegryClient> _clients = [];

    [OneTimeSetUp]
    public async Task StartServers()
    {
        _world = await RedirectWorld.StartAsync();
        var network = new MappedNetwork(new Dictionary<string, IPAddress> { [RedirectWorld.AppHost] = RedirectWorld.AppAddress, [RedirectWorld.EvilHost] = RedirectWorld.EvilAddress });
        foreach (var kind in Credentials.Kinds)
        {
            var options = new PassthroughOptions { IncludeBuiltInApps = false, MaxRetries = 0, Timeout = TimeSpan.FromSeconds(15), TimeProvider = Fault.StillClock() };
            options.Apps.Add(_world.PublicApp(kind));
            var credentials = new InMemoryCredentialProvider();
            credentials.Connect("user-1", "public-app", Credentials.For(kind));

            // The SDK's own handler (guard, split pools), with the test's resolver and trust in exactly the two certificates.
            var handler = PassthroughHandlerPolicy.CreatePrimaryHandler(network, sockets => sockets.SslOptions.RemoteCertificateValidationCallback = LoopbackTls.TrustOnly(_world.AppCertificate, _world.EvilCertificate));
            options.Handler = handler;
            _clients[kind] = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });
        }
    }

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
        foreach (var kind in Credentials.Kinds)
        {
            foreach (var status in Statuses)
            {
                foreach (var scenario in RedirectWorld.Scenarios)
                {
                    yield return new TestCaseData(kind, status, scenario).SetName($"{kind} | {status} | {scenario}");
                }
            }
        }
    }

    [TestCaseSource(nameof(Matrix))]
    public async Task The_foreign_side_receives_nothing_of_the_credential(string kind, int status, string scenario)
    {
        var before = _world.Snapshot();
        Result? result = null;
        Exception? failure = null;
        try
        {
            result = await Fault.Within(_clients[kind].PassthroughAsync("public-app", RedirectWorld.Request(scenario, status)));
        }
        catch (IntegryException exception)
        {
            failure = exception;
        }

        var seen = _world.Since(before);
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
}
