using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Integry.Sdk.IntegrationTests.TestSupport;
using Integry.Sdk.IntegrationTests.Trust;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Proxy;

/// <summary>
/// Issue 17, item 5: the local executor behind an egress proxy, on real sockets over real TLS. A CONNECT proxy written in
/// the test (<see cref="LoopbackConnectProxy"/>) records everything it sees; the app is <c>api.app.example</c> with its own
/// certificate. The proxy is asked only for the app's checked address and port (or, in the weaker mode, its host name and
/// port), never sees the request or the credential, and the address policy holds as without a proxy.
/// </summary>
[NonParallelizable]
public class ProxyTunnelTests
{
    private X509Certificate2 _appCertificate = null!;
    private UpstreamServer _app = null!;

    [OneTimeSetUp]
    public async Task StartApp()
    {
        _appCertificate = LoopbackTls.SelfSigned(ProxyWorld.AppHost);
        _app = await UpstreamServer.StartAsync(
            context =>
            {
                // /v1/redirect/{host} answers 302 to that host on the app's port: a foreign hop.
                if (context.Request.Path.StartsWithSegments("/v1/redirect", StringComparison.Ordinal, out var rest))
                {
                    context.Response.StatusCode = StatusCodes.Status302Found;
                    context.Response.Headers.Location = $"https://{rest.Value!.Trim('/')}:{_app.Port}/landing";
                    return Task.CompletedTask;
                }

                return context.Response.WriteAsync("""{"ok":true}""");
            },
            _appCertificate);
    }

    [OneTimeTearDown]
    public async Task StopApp()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _appCertificate?.Dispose();
    }

    private AppDefinition App(string kind) => Credentials.Place(
        new AppDefinition { Slug = "public-app", DisplayName = "Public App", Hosts = [$"{ProxyWorld.AppHost}:{_app.Port}"], BaseUrl = $"https://{ProxyWorld.AppHost}:{_app.Port}/v1/" },
        kind);

    [TestCaseSource(typeof(Credentials), nameof(Credentials.Kinds))]
    public async Task The_proxy_is_asked_for_the_checked_address_and_sees_nothing_of_the_credential(string kind)
    {
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route);
        var callLog = new InMemoryFunctionCallLog();
        var client = ProxyWorld.Client(App(kind), Credentials.For(kind), new PassthroughProxy(proxy.Address), LoopbackTls.TrustOnly(_appCertificate), callLog: callLog);
        var before = _app.Requests.Count;

        var result = await Fault.Within(client.PassthroughAsync("public-app", new PassthroughRequest(HttpMethod.Post, "contacts?limit=2", Json("""{"name":"body-9876"}"""))));

        var appSaw = _app.Requests.Skip(before).Select(Credentials.Everything).ToList();
        var target = $"{ProxyWorld.AppAddress}:{_app.Port}";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Fault.Executed(result).NetworkCode, Is.EqualTo(200));
            Assert.That(proxy.Heads, Is.EqualTo(new[] { $"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n" }), "one tunnel, to the checked address and the app's port, nothing else in the head");
            Assert.That(appSaw, Has.Count.EqualTo(1));
            Assert.That(Credentials.Leaked(appSaw[0]), Is.True, "the credential reached the app, inside the tunnel");
            Assert.That(appSaw[0], Does.Contain($"Host: {ProxyWorld.AppHost}:{_app.Port}"), "the app is addressed by its name (SNI and certificate for it too)");
            Assert.That(appSaw[0], Does.Not.Contain("Proxy-"), "nothing meant for the proxy reaches the app");
            Assert.That(Credentials.Leaked(proxy.Cleartext), Is.False, "the proxy saw nothing of the credential in cleartext, in any form");
            Assert.That(proxy.Cleartext, Does.Not.Contain("body-9876").And.Not.Contain("/v1/contacts"), "nor the request line or the body");
            Assert.That(callLog.GetRecords().Select(record => record.Url), Has.All.Not.Contain(target), "the call log names the app, not the proxy's target");
        }

        Fault.Report($"proxy, checked address: {kind}", Fault.Describe(result), $"proxy saw: {string.Join(" | ", proxy.Log)}");
        if (kind == "bearer")
        {
            TestContext.Out.WriteLine("TRANSCRIPT (what the proxy saw, one proxied call):");
            TestContext.Out.WriteLine(proxy.Heads[0].Replace("\r\n", "\\r\\n\n", StringComparison.Ordinal).TrimEnd());
            foreach (var line in proxy.Log)
            {
                TestContext.Out.WriteLine(line);
            }

            TestContext.Out.WriteLine($"then {proxy.Cleartext.Length - proxy.Heads[0].Length} bytes piped both ways, all TLS records (the tunnel stays pooled)");
            TestContext.Out.WriteLine($"credential in the proxy's cleartext (any form): {Credentials.Leaked(proxy.Cleartext)}; \"body-9876\": {proxy.Cleartext.Contains("body-9876", StringComparison.Ordinal)}; \"POST /v1/contacts\": {proxy.Cleartext.Contains("POST /v1/contacts", StringComparison.Ordinal)}");
            TestContext.Out.WriteLine($"the app saw: {appSaw[0].Split('\n')[0]}, Host: {ProxyWorld.AppHost}:{_app.Port}, credential: {Credentials.Leaked(appSaw[0])}");
        }
    }

    [Test]
    public async Task In_the_weaker_mode_the_proxy_is_asked_for_the_host_name_and_the_executor_resolves_nothing()
    {
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route);
        var network = new MappedNetwork(ProxyWorld.Names);
        var client = ProxyWorld.Client(App("bearer"), Credentials.For("bearer"), new PassthroughProxy(proxy.Address) { Mode = PassthroughProxyMode.ConnectToHostName }, LoopbackTls.TrustOnly(_appCertificate), network: network);

        var result = await Fault.Within(client.PassthroughAsync("public-app", PassthroughRequest.Get("contacts")));

        var target = $"{ProxyWorld.AppHost}:{_app.Port}";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Fault.Executed(result).NetworkCode, Is.EqualTo(200));
            Assert.That(proxy.Heads, Is.EqualTo(new[] { $"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n" }));
            Assert.That(network.Resolved, Is.EqualTo(new[] { "127.0.0.1" }), "only the proxy's own address was looked up: the proxy resolves the app's name");
            Assert.That(Credentials.Leaked(proxy.Cleartext), Is.False);
        }

        Fault.Report("proxy, host name (weaker mode)", Fault.Describe(result), $"proxy saw: {string.Join(" | ", proxy.Log)}");
    }

    [Test]
    public async Task Proxy_credentials_go_to_the_proxy_only_and_appear_nowhere_else()
    {
        const string password = "proxy-pass-4242";
        var expected = "Proxy-Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("proxy-user:" + password)) + "\r\n";
        await using var proxy = LoopbackConnectProxy.Start(
            ProxyWorld.Route,
            head => head.Contains(expected, StringComparison.Ordinal)
                ? ProxyAnswer.Tunnel
                : ProxyAnswer.Send("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n"));
        var callLog = new InMemoryFunctionCallLog();
        var good = ProxyWorld.Client(App("bearer"), Credentials.For("bearer"), new PassthroughProxy(proxy.Address) { Credentials = new NetworkCredential("proxy-user", password) }, LoopbackTls.TrustOnly(_appCertificate), callLog: callLog);
        var wrong = ProxyWorld.Client(App("bearer"), Credentials.For("bearer"), new PassthroughProxy(proxy.Address) { Credentials = new NetworkCredential("proxy-user", "not-" + password) }, LoopbackTls.TrustOnly(_appCertificate), options => options.MaxRetries = 2);
        var before = _app.Requests.Count;

        var result = await Fault.Within(good.PassthroughAsync("public-app", PassthroughRequest.Get("contacts")));
        var refused = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(wrong.PassthroughAsync("public-app", PassthroughRequest.Get("contacts"))));

        var appSaw = string.Join("\n", _app.Requests.Skip(before).Select(Credentials.Everything));
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("proxy-user:" + password));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Fault.Executed(result).NetworkCode, Is.EqualTo(200));
            Assert.That(proxy.Heads[0], Does.Contain(expected), "the proxy got its credential");
            Assert.That(appSaw, Does.Not.Contain(password).And.Not.Contain(base64).And.Not.Contain("Proxy-Authorization"), "the app never did");
            Assert.That(result.ToJson() + string.Join("\n", callLog.GetRecords().Select(record => record.ToString())), Does.Not.Contain(password).And.Not.Contain(base64));
            Assert.That(refused!.Message, Does.Contain("407").And.Contain("did not accept PassthroughProxy.Credentials"));
            Assert.That(refused.ToString(), Does.Not.Contain(password).And.Not.Contain(base64).And.Not.Contain(Convert.ToBase64String(Encoding.UTF8.GetBytes("proxy-user:not-" + password))));
            Assert.That(refused.Kind, Is.EqualTo(IntegryErrorKind.Transport));
            Assert.That(refused.IsTransient, Is.False);
            Assert.That(proxy.Heads, Has.Count.EqualTo(2), "a refused tunnel is not retried (MaxRetries 2)");
        }

        Fault.Report("proxy with Basic credentials (right, then wrong)", $"{Fault.Describe(result)}; {Fault.Describe(refused)}", $"proxy saw: {string.Join(" | ", proxy.Log)}; app: no Proxy-Authorization");
    }

    [TestCase("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"\r\nContent-Length: 0\r\n\r\n", "407 Proxy Authentication Required; it asks for credentials: set PassthroughProxy.Credentials", false, 1)]
    [TestCase("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n", "refused the tunnel", false, 1)]
    [TestCase("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n", "could not open a tunnel", true, 3)]
    [TestCase("HTTP/1.1 200 Conn", "closed the connection before it answered CONNECT", true, 3)]
    [TestCase("SOCKS5 nonsense\r\n\r\n", "malformed status line", false, 1)]
    [TestCase("HTTP/1.1 200 Connection established\r\n\r\nEARLY", "sent data after its answer", false, 1)]
    public async Task A_proxy_that_does_not_open_the_tunnel_fails_the_call_clearly(string answer, string expected, bool transient, int connects)
    {
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route, _ => ProxyAnswer.Send(answer, closeAfter: true));
        var client = ProxyWorld.Client(App("bearer"), Credentials.For("bearer"), new PassthroughProxy(proxy.Address), LoopbackTls.TrustOnly(_appCertificate), options => options.MaxRetries = 2);
        var before = _app.Requests.Count;

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(client.PassthroughAsync("public-app", PassthroughRequest.Get("contacts"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain(expected).And.Contain(proxy.Address.ToString()));
            Assert.That(exception.Kind, Is.EqualTo(IntegryErrorKind.Transport));
            Assert.That(exception.IsTransient, Is.EqualTo(transient));
            Assert.That(proxy.Heads, Has.Count.EqualTo(connects), transient ? "a transient failure is retried (MaxRetries 2)" : "a deterministic refusal is not retried");
            Assert.That(_app.Requests, Has.Count.EqualTo(before), "nothing reached the app");
            Assert.That(Credentials.Leaked(exception.ToString()), Is.False);
        }

        Fault.Report($"proxy answers {answer.Split("\r\n")[0]}", Fault.Describe(exception), $"proxy: {connects} CONNECT(s); app: nothing");
    }

    [Test]
    public async Task A_proxy_that_answers_with_oversized_headers_is_cut_off()
    {
        var answer = "HTTP/1.1 200 Connection established\r\nX-Padding: " + new string('a', 20 * 1024) + "\r\n\r\n";
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route, _ => ProxyAnswer.Send(answer));
        var client = ProxyWorld.Client(App("bearer"), Credentials.For("bearer"), new PassthroughProxy(proxy.Address), LoopbackTls.TrustOnly(_appCertificate), options => options.MaxRetries = 2);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(client.PassthroughAsync("public-app", PassthroughRequest.Get("contacts"))));

        Assert.That(exception!.Message, Does.Contain("more than 16384 bytes of headers"));
        Assert.That(proxy.Heads, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_proxy_that_never_answers_is_ended_by_the_attempt_timeout_on_the_fake_clock()
    {
        var clock = new FaultClock();
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route, _ => ProxyAnswer.Hang);
        var client = ProxyWorld.Client(App("bearer"), Credentials.For("bearer"), new PassthroughProxy(proxy.Address), LoopbackTls.TrustOnly(_appCertificate), options =>
        {
            options.TimeProvider = clock;
            options.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.Timeout = TimeSpan.FromSeconds(30);
        });

        var call = client.PassthroughAsync("public-app", PassthroughRequest.Get("contacts"));
        await proxy.Connects.WhenReached(1);
        await clock.WhenScheduled(TimeSpan.FromSeconds(5));
        Assert.That(call.IsCompleted, Is.False, "nothing ends the call before the attempt timeout");
        clock.Advance(TimeSpan.FromSeconds(5));

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(call));
        await proxy.Closed.WhenReached(1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("AttemptTimeout"));
            Assert.That(proxy.Closed.Count, Is.EqualTo(1), "the half-open tunnel was closed, not left waiting");
        }

        Fault.Report("proxy never answers CONNECT (fake clock +5 s)", Fault.Describe(exception), "proxy: 1 CONNECT, then the client closed it");
    }

    [Test]
    public async Task A_proxy_that_never_answers_is_ended_by_the_callers_cancellation()
    {
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route, _ => ProxyAnswer.Hang);
        var client = ProxyWorld.Client(App("bearer"), Credentials.For("bearer"), new PassthroughProxy(proxy.Address), LoopbackTls.TrustOnly(_appCertificate));
        using var cancellation = new CancellationTokenSource();

        var call = client.PassthroughAsync("public-app", PassthroughRequest.Get("contacts"), options: null, cancellation.Token);
        await proxy.Connects.WhenReached(1);
        await cancellation.CancelAsync();

        Assert.That(async () => await Fault.Within(call), Throws.InstanceOf<OperationCanceledException>());
        await proxy.Closed.WhenReached(1);
        Assert.That(proxy.Closed.Count, Is.EqualTo(1));
    }

    [Test]
    public async Task A_public_app_on_a_private_address_is_refused_before_the_proxy_is_asked()
    {
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route);
        var app = new AppDefinition { Slug = "public-app", DisplayName = "Public App", Hosts = [$"{ProxyWorld.PrivateHost}:{_app.Port}"], BaseUrl = $"https://{ProxyWorld.PrivateHost}:{_app.Port}/v1/" };
        var client = ProxyWorld.Client(app, Credentials.For("bearer"), new PassthroughProxy(proxy.Address), LoopbackTls.TrustOnly(_appCertificate), options => options.MaxRetries = 2);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(client.PassthroughAsync("public-app", PassthroughRequest.Get("contacts"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("private, loopback or link-local"));
            Assert.That(exception.IsTransient, Is.False);
            Assert.That(proxy.Heads, Is.Empty, "the proxy was never asked: the check runs first");
        }

        Fault.Report("proxy, public app resolving to 10.0.0.7", Fault.Describe(exception), "proxy: nothing");
    }

    [TestCase("localhost")]
    [TestCase("api.localhost")]
    public async Task In_the_weaker_mode_an_app_on_a_localhost_name_is_refused_before_the_proxy_is_asked(string host)
    {
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route);
        var app = new AppDefinition { Slug = "public-app", DisplayName = "Public App", Hosts = [$"{host}:{_app.Port}"], BaseUrl = $"https://{host}:{_app.Port}/v1/" };
        var client = ProxyWorld.Client(app, Credentials.For("bearer"), new PassthroughProxy(proxy.Address) { Mode = PassthroughProxyMode.ConnectToHostName }, LoopbackTls.TrustOnly(_appCertificate));

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(client.PassthroughAsync("public-app", PassthroughRequest.Get("contacts"))));

        Assert.That(exception!.Message, Does.Contain("names the local machine"));
        Assert.That(proxy.Heads, Is.Empty, "the proxy's own loopback is never asked for");
    }

    [TestCase(PassthroughProxyMode.ConnectToCheckedAddress, "127.0.0.1")]
    [TestCase(PassthroughProxyMode.ConnectToCheckedAddress, "10.0.0.7")]
    [TestCase(PassthroughProxyMode.ConnectToCheckedAddress, "169.254.169.254")]
    [TestCase(PassthroughProxyMode.ConnectToCheckedAddress, ProxyWorld.PrivateHost)]
    [TestCase(PassthroughProxyMode.ConnectToHostName, "127.0.0.1")]
    [TestCase(PassthroughProxyMode.ConnectToHostName, "10.0.0.7")]
    [TestCase(PassthroughProxyMode.ConnectToHostName, "169.254.169.254")]
    [TestCase(PassthroughProxyMode.ConnectToHostName, "localhost")]
    public async Task A_redirect_to_a_private_address_is_refused_and_never_reaches_the_proxy(PassthroughProxyMode mode, string host)
    {
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route);
        var client = ProxyWorld.Client(App("bearer"), Credentials.For("bearer"), new PassthroughProxy(proxy.Address) { Mode = mode }, LoopbackTls.TrustOnly(_appCertificate));

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(client.PassthroughAsync("public-app", PassthroughRequest.Get("redirect/" + host))));

        var appTarget = mode == PassthroughProxyMode.ConnectToCheckedAddress ? $"{ProxyWorld.AppAddress}:{_app.Port}" : $"{ProxyWorld.AppHost}:{_app.Port}";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("not a public host").Or.Contain("private, loopback or link-local").Or.Contain("names the local machine"));
            Assert.That(exception.IsTransient, Is.False);
            Assert.That(proxy.Targets, Is.EqualTo(new[] { appTarget }), "the proxy was asked for the app only, never for the hop");
        }

        Fault.Report($"proxy ({mode}), app redirects to {host}", Fault.Describe(exception), $"proxy asked for: {string.Join(", ", proxy.Targets)}");
    }

    [Test]
    public async Task An_app_registered_for_the_local_network_is_reached_directly_not_through_the_proxy()
    {
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route);
        await using var local = await FaultServer.StartAsync(async (context, _) => await context.Response.WriteAsync("""{"local":true}"""));
        var app = new AppDefinition { Slug = "local-app", DisplayName = "Local App", Hosts = ["127.0.0.1"], BaseUrl = local.BaseAddress.AbsoluteUri, AllowLocalNetwork = true };
        var client = ProxyWorld.Client(app, Credentials.For("bearer"), new PassthroughProxy(proxy.Address), LoopbackTls.TrustOnly(_appCertificate));

        var result = await Fault.Within(client.PassthroughAsync("local-app", PassthroughRequest.Get("items")));

        Assert.That(Fault.Executed(result).NetworkCode, Is.EqualTo(200));
        Assert.That(local.Requests, Has.Count.EqualTo(1));
        Assert.That(proxy.Heads, Is.Empty, "the proxy's loopback is not the app's: local apps never go through it");
    }

    private static System.Text.Json.JsonElement Json(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
