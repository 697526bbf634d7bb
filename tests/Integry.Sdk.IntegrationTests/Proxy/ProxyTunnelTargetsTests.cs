using System.Net;
using Integry.Sdk.IntegrationTests.TestSupport;
using Integry.Sdk.IntegrationTests.Trust;
using Integry.Sdk.Passthrough;

namespace Integry.Sdk.IntegrationTests.Proxy;

/// <summary>
/// The tunnel itself, on real sockets: the <c>CONNECT</c> target's form for IPv6 addresses, and the walk over a host's
/// checked addresses when the proxy cannot reach one of them (a 5xx) but not when it refuses (a 4xx).
/// </summary>
public class ProxyTunnelTargetsTests
{
    private const string Forbidden = "HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n";
    private const string BadGateway = "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n";

    [Test]
    public async Task An_ipv6_address_is_asked_for_in_brackets()
    {
        await using var proxy = LoopbackConnectProxy.Start(_ => null, _ => ProxyAnswer.Send(Forbidden));
        var network = new MappedNetwork(new Dictionary<string, IPAddress> { ["v6.app.example"] = IPAddress.Parse("2606:4700::1111") });

        Assert.That(
            async () => await ProxyTunnel.ConnectAsync(new PassthroughProxy(proxy.Address), network, "v6.app.example", 443, CancellationToken.None),
            Throws.TypeOf<ProxyTunnelException>().With.Message.Contains("403 Forbidden"));
        Assert.That(proxy.Heads, Is.EqualTo(new[] { "CONNECT [2606:4700::1111]:443 HTTP/1.1\r\nHost: [2606:4700::1111]:443\r\n\r\n" }));
    }

    [Test]
    public async Task After_a_5xx_the_next_checked_address_is_tried_and_a_4xx_ends_the_walk()
    {
        await using var proxy = LoopbackConnectProxy.Start(_ => null, head => ProxyAnswer.Send(head.StartsWith("CONNECT 11.0.0.1:", StringComparison.Ordinal) ? BadGateway : Forbidden));
        var network = new TwoAddresses();

        Assert.That(
            async () => await ProxyTunnel.ConnectAsync(new PassthroughProxy(proxy.Address), network, "multi.app.example", 443, CancellationToken.None),
            Throws.TypeOf<ProxyTunnelException>());
        Assert.That(proxy.Targets, Is.EqualTo(new[] { "11.0.0.1:443", "11.0.0.3:443" }), "the 403 for the second address ends the walk before the third");
    }

    [Test]
    public async Task A_host_that_resolves_to_a_private_address_is_refused_before_the_proxy_is_asked()
    {
        await using var proxy = LoopbackConnectProxy.Start(_ => null, _ => ProxyAnswer.Send(Forbidden));
        var network = new MappedNetwork(new Dictionary<string, IPAddress> { ["mixed.app.example"] = IPAddress.Parse("192.168.1.20") });

        Assert.That(
            async () => await ProxyTunnel.ConnectAsync(new PassthroughProxy(proxy.Address), network, "mixed.app.example", 443, CancellationToken.None),
            Throws.InstanceOf<OnwardGuardException>().With.Message.Contains("private, loopback or link-local"));
        Assert.That(proxy.Heads, Is.Empty);
    }

    [Test]
    public async Task A_proxy_nobody_listens_on_is_a_connection_failure_worth_retrying()
    {
        using var nobody = new RawSocketServer(); // bound, never listening: connections are refused
        var port = nobody.Port;
        var network = new MappedNetwork(ProxyWorld.Names);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(async () => await ProxyTunnel.ConnectAsync(new PassthroughProxy(new Uri($"http://127.0.0.1:{port}/")), network, ProxyWorld.AppHost, 443, CancellationToken.None));

        Assert.That(exception, Is.Not.InstanceOf<OnwardGuardException>(), "not a refusal: the sender retries it");
        Assert.That(exception!.HttpRequestError, Is.EqualTo(HttpRequestError.ConnectionError));
        Assert.That(exception.Message, Does.StartWith($"Could not connect to the proxy http://127.0.0.1:{port}/"));
    }

    private sealed class TwoAddresses : OnwardNetwork
    {
        public override ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            host == "multi.app.example"
                ? ValueTask.FromResult<IPAddress[]>([IPAddress.Parse("11.0.0.1"), IPAddress.Parse("11.0.0.3"), IPAddress.Parse("11.0.0.4")])
                : base.ResolveAsync(host, cancellationToken);
    }
}
