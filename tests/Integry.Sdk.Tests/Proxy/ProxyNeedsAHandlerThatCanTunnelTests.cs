using Integry.Sdk.Passthrough;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Proxy;

/// <summary>
/// The executor opens the proxy's tunnels in its own connect callback, so <see cref="PassthroughOptions.Proxy"/> works with
/// the SDK's handler and with a caller's <see cref="SocketsHttpHandler"/> without a <c>ConnectCallback</c>; every other
/// handler is refused up front (an <see cref="ArgumentException"/>, or an <see cref="OptionsValidationException"/> at
/// start-up under DI) rather than silently connecting directly.
/// </summary>
public class ProxyNeedsAHandlerThatCanTunnelTests
{
    private static readonly PassthroughProxy Proxy = new(new Uri("http://proxy.corp.example:3128"));

    [Test]
    public void The_sdks_own_handler_and_a_plain_sockets_handler_are_accepted()
    {
        using var sockets = new SocketsHttpHandler { UseProxy = true };

        Assert.That(() => new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Proxy = Proxy }), Throws.Nothing);
        Assert.That(() => new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Proxy = Proxy, Handler = sockets }), Throws.Nothing);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sockets.UseProxy, Is.False, ".NET's own proxy stays off: the tunnel is the executor's");
            Assert.That(sockets.ConnectCallback, Is.Not.Null);
        }
    }

    [Test]
    public void An_http_client_handler_is_refused()
    {
        using var handler = new HttpClientHandler();

        var exception = Assert.Throws<ArgumentException>(() => _ = new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Proxy = Proxy, Handler = handler }));

        Assert.That(exception!.Message, Does.Contain("HttpClientHandler cannot open the executor's tunnels"));
    }

    [Test]
    public void A_sockets_handler_with_its_own_connect_callback_is_refused()
    {
        using var handler = new SocketsHttpHandler { ConnectCallback = (_, _) => throw new InvalidOperationException("never called") };

        var exception = Assert.Throws<ArgumentException>(() => _ = new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Proxy = Proxy, Handler = handler }));

        Assert.That(exception!.Message, Does.Contain("ConnectCallback of its own"));
    }

    [Test]
    public void The_weaker_mode_with_a_callers_sockets_handler_is_refused()
    {
        using var handler = new SocketsHttpHandler();
        var proxy = new PassthroughProxy(new Uri("http://proxy.corp.example:3128")) { Mode = PassthroughProxyMode.ConnectToHostName };

        var exception = Assert.Throws<ArgumentException>(() => _ = new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Proxy = proxy, Handler = handler }));

        Assert.That(exception!.Message, Does.Contain("ConnectToHostName needs the SDK's own handler"));
    }

    [Test]
    public void A_handler_created_without_the_proxy_is_refused()
    {
        using var handler = PassthroughExecutor.CreatePrimaryHandler();

        var exception = Assert.Throws<ArgumentException>(() => _ = new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Proxy = Proxy, Handler = handler }));

        Assert.That(exception!.Message, Does.Contain("created without it"));
    }

    // A chain an earlier executor hardened has the guard over its sockets handler; the setting it was hardened with is
    // the one its connections use, so another setting (a proxy, another proxy, or none) is refused, never ignored.
    [TestCase(false, true)]
    [TestCase(true, false)]
    [TestCase(true, true)]
    public void A_handler_hardened_with_another_proxy_setting_is_refused(bool firstHasProxy, bool chained)
    {
        using var sockets = new SocketsHttpHandler();
        HttpMessageHandler handler = chained ? new PassThroughHandler { InnerHandler = sockets } : sockets;
        var other = new PassthroughProxy(new Uri("http://other-proxy.corp.example:8080"));
        _ = new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Handler = handler, Proxy = firstHasProxy ? Proxy : null });

        var exception = Assert.Throws<ArgumentException>(() => _ = new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Handler = handler, Proxy = firstHasProxy ? (chained ? other : null) : Proxy }));

        Assert.That(exception!.Message, Does.Contain("another proxy setting"));
    }

    [Test]
    public void A_handler_hardened_with_the_same_proxy_is_accepted_again()
    {
        using var sockets = new SocketsHttpHandler();
        var chain = new PassThroughHandler { InnerHandler = sockets };
        _ = new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Handler = chain, Proxy = Proxy });

        Assert.That(() => new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Handler = chain, Proxy = new PassthroughProxy(Proxy.Address) }), Throws.Nothing);
    }

    [Test]
    public void A_test_double_is_refused_even_when_unguarded_handlers_are_allowed()
    {
        using var mock = new MockHttpMessageHandler();

        var exception = Assert.Throws<ArgumentException>(() => _ = new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Proxy = Proxy, Handler = mock, AllowUnguardedHandler = true }));

        Assert.That(exception!.Message, Does.Contain("leave Proxy null"));
    }

    [Test]
    public async Task Under_dependency_injection_the_conflict_fails_at_start_up()
    {
        using var handler = new HttpClientHandler();
        var services = new ServiceCollection();
        services.AddIntegry(options => options.UserId = "user-1")
            .AddLocalPassthrough(options =>
            {
                options.Proxy = Proxy;
                options.Handler = handler;
            })
            .AddCredentialProvider(new InMemoryCredentialProvider());
        await using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(exception!.Failures, Has.Some.Contains("HttpClientHandler cannot open the executor's tunnels"));
    }

    [Test]
    public async Task Under_dependency_injection_the_named_clients_primary_handler_carries_the_proxy()
    {
        var services = new ServiceCollection();
        services.AddIntegry(options => options.UserId = "user-1")
            .AddLocalPassthrough(options => options.Proxy = Proxy)
            .AddCredentialProvider(new InMemoryCredentialProvider());
        await using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<IStartupValidator>().Validate(), Throws.Nothing);
        Assert.That(provider.GetRequiredService<IntegryClient>(), Is.Not.Null);
        using var chain = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(IntegryBuilder.PassthroughHttpClientName);
        HttpMessageHandler handler = chain;
        while (handler is DelegatingHandler { InnerHandler: { } inner } and not OnwardGuardHandler)
        {
            handler = inner;
        }

        Assert.That(handler, Is.TypeOf<OnwardGuardHandler>(), "the guard sits innermost");
        Assert.That(((OnwardGuardHandler)handler).InnerHandler, Is.TypeOf<LocalNetworkPoolsHandler>().With.Property(nameof(LocalNetworkPoolsHandler.Proxy)).SameAs(Proxy));
    }

    [Test]
    public async Task Under_dependency_injection_a_users_primary_sockets_handler_tunnels_through_the_proxy()
    {
        var services = new ServiceCollection();
        var builder = services.AddIntegry(options => options.UserId = "user-1")
            .AddLocalPassthrough(options => options.Proxy = Proxy)
            .AddCredentialProvider(new InMemoryCredentialProvider());
        SocketsHttpHandler? users = null;
        builder.PassthroughHttpClient!.ConfigurePrimaryHttpMessageHandler(() => users = new SocketsHttpHandler { UseProxy = true });
        await using var provider = services.BuildServiceProvider();

        using var chain = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(IntegryBuilder.PassthroughHttpClientName);

        Assert.That(users, Is.Not.Null);
        Assert.That(users!.UseProxy, Is.False);
        Assert.That(users.ConnectCallback, Is.Not.Null, "the executor's callback: the address check, then the tunnel");
    }

    /// <summary>A caller's own DelegatingHandler (logging, metrics) above the sockets handler.</summary>
    private sealed class PassThroughHandler : DelegatingHandler;
}
