using System.Net;
using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Integry.Sdk.IntegrationTests.Proxy;

/// <summary>
/// The proxy is explicit: <c>HTTP_PROXY</c>, <c>HTTPS_PROXY</c>, <c>ALL_PROXY</c> and .NET's process-wide default proxy
/// (what those variables feed) have no effect on the executor, with or without <see cref="PassthroughOptions.Proxy"/>.
/// A plain <see cref="SocketsHttpHandler"/> in the same window does go to the environment's proxy, so the test can fail.
/// Under DI, <c>AddLocalPassthrough(o => o.Proxy = ...)</c> sends through the configured proxy.
/// </summary>
[NonParallelizable]
public class ProxyEnvironmentTests
{
    private static readonly string[] Variables = ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"];

    [Test]
    public async Task Environment_proxies_are_ignored_with_and_without_the_option()
    {
        await using var environmentProxy = LoopbackConnectProxy.Start(_ => null, _ => ProxyAnswer.Send("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
        await using var configuredProxy = LoopbackConnectProxy.Start(ProxyWorld.Route, _ => ProxyAnswer.Send("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
        await using var local = await FaultServer.StartAsync(async (context, _) => await context.Response.WriteAsync("""{"direct":true}"""));
        var saved = Variables.ToDictionary(name => name, Environment.GetEnvironmentVariable);
        var savedDefault = HttpClient.DefaultProxy;
        try
        {
            foreach (var name in Variables)
            {
                Environment.SetEnvironmentVariable(name, environmentProxy.Address.AbsoluteUri);
            }

            HttpClient.DefaultProxy = new WebProxy(environmentProxy.Address);

            // Control: .NET's own handler, left to its defaults, does take the environment's proxy.
            using (var plain = new HttpClient(new SocketsHttpHandler()))
            {
                Assert.That(async () => await plain.GetAsync(new Uri($"https://{ProxyWorld.AppHost}:443/")).WaitAsync(Fault.Guard), Throws.InstanceOf<HttpRequestException>());
            }

            Assert.That(environmentProxy.Targets, Is.EqualTo(new[] { $"{ProxyWorld.AppHost}:443" }), "the control went to the environment's proxy");

            // Without the option: direct, as ever (here to an app on the local network, which is never proxied anyway)...
            var direct = Executor(new AppDefinition { Slug = "local-app", DisplayName = "Local App", Hosts = ["127.0.0.1"], BaseUrl = local.BaseAddress.AbsoluteUri, AllowLocalNetwork = true }, proxy: null);
            var result = await Fault.Within(direct.PassthroughAsync("local-app", PassthroughRequest.Get("items")));

            // ...and to a public app: its name is refused or fails on its own, never handed to the environment's proxy.
            var publicApp = new AppDefinition { Slug = "public-app", DisplayName = "Public App", Hosts = [$"{ProxyWorld.AppHost}:443"], BaseUrl = $"https://{ProxyWorld.AppHost}/v1/" };
            Assert.That(async () => await Fault.Within(Executor(publicApp, proxy: null).PassthroughAsync("public-app", PassthroughRequest.Get("items"))), Throws.InstanceOf<IntegryException>());

            // With the option: the configured proxy, never the environment's.
            var proxied = Executor(publicApp, new PassthroughProxy(configuredProxy.Address) { Mode = PassthroughProxyMode.ConnectToHostName });
            Assert.That(async () => await Fault.Within(proxied.PassthroughAsync("public-app", PassthroughRequest.Get("items"))), Throws.InstanceOf<IntegryException>());

            using (Assert.EnterMultipleScope())
            {
                Assert.That(Fault.Executed(result).NetworkCode, Is.EqualTo(200));
                Assert.That(local.Requests, Has.Count.EqualTo(1));
                Assert.That(environmentProxy.Targets, Has.Count.EqualTo(1), "the executor never asked the environment's proxy");
                Assert.That(configuredProxy.Targets, Is.EqualTo(new[] { $"{ProxyWorld.AppHost}:443" }), "the configured proxy was asked");
            }
        }
        finally
        {
            HttpClient.DefaultProxy = savedDefault;
            foreach (var (name, value) in saved)
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    [Test]
    public async Task Under_dependency_injection_the_configured_proxy_is_used()
    {
        await using var proxy = LoopbackConnectProxy.Start(ProxyWorld.Route, _ => ProxyAnswer.Send("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"));
        var services = new ServiceCollection();
        services.AddIntegry(options => options.UserId = "user-1")
            .AddLocalPassthrough(options =>
            {
                options.IncludeBuiltInApps = false;
                options.MaxRetries = 0;
                options.Apps.Add(new AppDefinition { Slug = "public-app", DisplayName = "Public App", Hosts = [$"{ProxyWorld.AppHost}:8443"], BaseUrl = $"https://{ProxyWorld.AppHost}:8443/v1/" });
                options.Proxy = new PassthroughProxy(proxy.Address) { Mode = PassthroughProxyMode.ConnectToHostName };
            })
            .AddCredentialProvider(Connected("public-app"));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IntegryClient>();

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(client.PassthroughAsync("public-app", PassthroughRequest.Get("items"))));

        Assert.That(proxy.Targets, Is.EqualTo(new[] { $"{ProxyWorld.AppHost}:8443" }), "the named HttpClient's primary handler tunnels through the configured proxy");
        Assert.That(exception!.Message, Does.Contain("403"));
    }

    private static InMemoryCredentialProvider Connected(string app)
    {
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", app, new Credential.BearerToken("token-env-1234"));
        return credentials;
    }

    private static IntegryClient Executor(AppDefinition app, PassthroughProxy? proxy)
    {
        var options = new PassthroughOptions { IncludeBuiltInApps = false, MaxRetries = 0, Timeout = TimeSpan.FromSeconds(15), Proxy = proxy };
        options.Apps.Add(app);
        return new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(Connected(app.Slug), options) });
    }
}
