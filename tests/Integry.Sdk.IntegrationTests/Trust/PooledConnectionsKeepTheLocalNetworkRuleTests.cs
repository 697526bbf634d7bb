using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Trust;

/// <summary>
/// Issue 12, class 4: app A (127.0.0.1:A) redirects to <c>http://localhost:B/pooled</c>; app B (<c>localhost</c>, local
/// network allowed) lives on localhost:B. After a call to app B has pooled a connection there, app A's credential-free
/// foreign hop still never reaches localhost:B: the rule holds per request, not per connection. Run with the SDK's own
/// handler, a caller's SocketsHttpHandler and a caller's HttpClientHandler.
/// </summary>
public class PooledConnectionsKeepTheLocalNetworkRuleTests
{
    [TestCase("the SDK's own handler")]
    [TestCase("a caller's SocketsHttpHandler")]
    [TestCase("a caller's HttpClientHandler")]
    [TestCase("a caller's SocketsHttpHandler under a DelegatingHandler")]
    public async Task A_connection_pooled_for_app_b_does_not_carry_app_as_foreign_hop(string handlerKind)
    {
        await using var appB = await FaultServer.StartAsync(async (context, _) => await context.Response.WriteAsync("""{"app":"b"}"""));
        await using var appA = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"http://localhost:{appB.Port}/pooled";
            return Task.CompletedTask;
        });
        var options = new PassthroughOptions { IncludeBuiltInApps = false, MaxRetries = 0, Timeout = TimeSpan.FromSeconds(10), TimeProvider = Fault.StillClock() };
        options.Apps.Add(new AppDefinition { Slug = "app-a", DisplayName = "App A", Hosts = ["127.0.0.1"], BaseUrl = appA.BaseAddress.AbsoluteUri, AllowLocalNetwork = true });
        options.Apps.Add(new AppDefinition { Slug = "app-b", DisplayName = "App B", Hosts = ["localhost"], BaseUrl = $"http://localhost:{appB.Port}/", AllowLocalNetwork = true });
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "app-a", new Credential.BearerToken("token-of-app-a-1234"));
        credentials.Connect("user-1", "app-b", new Credential.BearerToken("token-of-app-b-5678"));
        using var handler = handlerKind switch
        {
            "the SDK's own handler" => null,
            "a caller's SocketsHttpHandler" => new SocketsHttpHandler(),
            "a caller's HttpClientHandler" => new HttpClientHandler(),
            _ => (HttpMessageHandler)new PassThroughHandler(new SocketsHttpHandler()),
        };
        options.Handler = handler;
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });

        var warm = await Fault.Within(client.PassthroughAsync("app-b", PassthroughRequest.Get("warm")));
        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(client.PassthroughAsync("app-a", PassthroughRequest.Get("start"))));
        var again = await Fault.Within(client.PassthroughAsync("app-b", PassthroughRequest.Get("again")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(warm, Is.TypeOf<Result.Executed>());
            Assert.That(again, Is.TypeOf<Result.Executed>(), "app B keeps working on its own origin");
            Assert.That(exception!.Message, Does.Contain("private, loopback or link-local"));
            Assert.That(appA.Requests, Has.Count.EqualTo(1));
            Assert.That(appB.Requests.Select(request => request.PathAndQuery), Is.EqualTo(new[] { "/warm", "/again" }), "app A's hop never reached localhost:B");
        }

        Fault.Report($"pooled connection to localhost:B, then app A's 302 there ({handlerKind})", Fault.Describe(exception), $"app A: 1 request; app B: {Fault.Describe(appB.Requests)}");
    }

    private sealed class PassThroughHandler(HttpMessageHandler inner) : DelegatingHandler(inner);
}
