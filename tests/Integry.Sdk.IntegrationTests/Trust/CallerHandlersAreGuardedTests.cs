using System.Net;
using System.Net.Sockets;
using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Trust;

/// <summary>
/// Issue 12, classes 3 and 5: whatever handler the caller gives the executor, the address check holds and sits
/// innermost: an HttpClientHandler is checked too, a SocketsHttpHandler keeps its own connect callback and gets the
/// check, and a caller handler that follows redirects by itself fails the call before the credential leaves.
/// </summary>
public class CallerHandlersAreGuardedTests
{
    private const string Token = "caller-handler-token-4321";

    [TestCase("HttpClientHandler")]
    [TestCase("SocketsHttpHandler")]
    [TestCase("SocketsHttpHandler with a ConnectCallback")]
    [TestCase("default")]
    public async Task An_app_on_localhost_without_the_local_network_is_refused_before_connecting(string handlerKind)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var callbackCalls = 0;
        using var handler = handlerKind switch
        {
            "HttpClientHandler" => new HttpClientHandler(),
            "SocketsHttpHandler" => new SocketsHttpHandler(),
            "SocketsHttpHandler with a ConnectCallback" => new SocketsHttpHandler { ConnectCallback = (_, _) => { Interlocked.Increment(ref callbackCalls); throw new InvalidOperationException("the caller's callback must come after the check"); } },
            _ => (HttpMessageHandler?)null,
        };
        var client = Client(new AppDefinition { Slug = "local", DisplayName = "Local", Hosts = [$"localhost:{port}"], BaseUrl = $"https://localhost:{port}/" }, handler);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(client.PassthroughAsync("local", PassthroughRequest.Get("me"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("private, loopback or link-local"));
            Assert.That(listener.Pending(), Is.False, "no connection was opened");
            Assert.That(callbackCalls, Is.Zero);
        }

        Fault.Report($"app on https://localhost:<port>/ without AllowLocalNetwork, {handlerKind}", Fault.Describe(exception), "listener: no connection");
    }

    [Test]
    public async Task A_sockets_handler_keeps_its_own_connect_callback_after_the_check()
    {
        await using var app = await FaultServer.StartAsync(async (context, _) => await context.Response.WriteAsync("{}"));
        var callbackCalls = 0;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                Interlocked.Increment(ref callbackCalls);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = Client(FaultRig.App(app), handler);

        var result = await Fault.Within(client.PassthroughAsync(FaultRig.Slug, PassthroughRequest.Get("me")));

        Assert.That(result, Is.TypeOf<Result.Executed>());
        Assert.That(callbackCalls, Is.EqualTo(1), "the caller's callback still opens the connection");
    }

    [TestCase(302)]
    [TestCase(307)]
    public async Task A_caller_handler_that_follows_redirects_fails_the_call_before_the_credential_leaves(int status)
    {
        await using var evil = await FaultServer.StartAsync(async (context, _) => await context.Response.WriteAsync("{}"));
        await using var app = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = status;
            context.Response.Headers.Location = $"http://127.0.0.1:{evil.Port}/steal";
            return Task.CompletedTask;
        });
        using var handler = new FollowingHandler(new SocketsHttpHandler());
        var client = Client(FaultRig.App(app), handler);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(client.PassthroughAsync(FaultRig.Slug, PassthroughRequest.Get("start"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("re-pointed the request"));
            Assert.That(app.Requests, Has.Count.EqualTo(1));
            Assert.That(evil.Requests, Is.Empty, "the re-pointed request never left");
            Assert.That(exception.ToString(), Does.Not.Contain(Token));
        }

        Fault.Report($"caller DelegatingHandler that follows a {status} itself", Fault.Describe(exception), $"app: 1 request; evil: {Fault.Describe(evil.Requests)}");
    }

    [Test]
    public void A_handler_the_sdk_cannot_guard_is_refused_unless_the_caller_opts_out()
    {
        using var handler = new OpaqueHandler();

        Assert.That(() => new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Handler = handler }), Throws.ArgumentException.With.Message.Contains("AllowUnguardedHandler"));
        Assert.That(() => new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Handler = handler, AllowUnguardedHandler = true }), Throws.Nothing);
    }

    private static IntegryClient Client(AppDefinition app, HttpMessageHandler? handler)
    {
        var options = new PassthroughOptions { IncludeBuiltInApps = false, MaxRetries = 0, Timeout = TimeSpan.FromSeconds(10), TimeProvider = Fault.StillClock(), Handler = handler };
        options.Apps.Add(app);
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", app.Slug, new Credential.BearerToken(Token));
        return new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });
    }

    /// <summary>Re-points the same request at the Location and sends it again, as .NET's own redirect handler does.</summary>
    private sealed class FollowingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                response.Dispose();
                request.RequestUri = new Uri(request.RequestUri!, location);
                return await base.SendAsync(request, cancellationToken);
            }

            return response;
        }
    }

    private sealed class OpaqueHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
