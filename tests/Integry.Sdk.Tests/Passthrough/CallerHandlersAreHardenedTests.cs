using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>A handler the caller gives the executor cannot carry a credential past a redirect the executor did not check.</summary>
public class CallerHandlersAreHardenedTests
{
    [Test]
    public void A_sockets_handler_of_the_caller_follows_no_redirects_uses_no_proxy_or_cookies_and_checks_addresses()
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = true, UseProxy = true, UseCookies = true };

        _ = new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Handler = handler });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(handler.AllowAutoRedirect, Is.False);
            Assert.That(handler.UseProxy, Is.False);
            Assert.That(handler.UseCookies, Is.False);
            Assert.That(handler.ConnectCallback, Is.Not.Null);
        }
    }

    [Test]
    public void The_innermost_handler_of_a_chain_is_hardened()
    {
        using var inner = new HttpClientHandler { AllowAutoRedirect = true };
        using var chain = new PassThroughHandler(inner);

        _ = new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Handler = chain });

        Assert.That(inner.AllowAutoRedirect, Is.False);
    }

    [Test]
    public async Task A_handler_that_already_sent_requests_is_refused_with_a_clear_message()
    {
        using var handler = new SocketsHttpHandler();
        using (var invoker = new HttpMessageInvoker(handler, disposeHandler: false))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:9/");
            await Assert.ThatAsync(() => invoker.SendAsync(request, CancellationToken.None), Throws.InstanceOf<HttpRequestException>());
        }

        Assert.That(
            () => new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Handler = handler }),
            Throws.ArgumentException.With.Message.Contains("give it a new handler"));
    }

    [Test]
    public async Task A_handler_that_follows_a_redirect_by_itself_fails_the_call()
    {
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "slack", new Credential.BearerToken("xoxb-1"));
        using var handler = new SelfRedirectingHandler(new Uri("https://elsewhere.example/landing"));
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, new PassthroughOptions { Handler = handler, AllowUnguardedHandler = true }) });

        var exception = await Assert.ThrowsAsync<IntegryException>(() => client.PassthroughAsync("slack", PassthroughRequest.Get("files.get")));

        Assert.That(exception!.Message, Does.Contain("followed a redirect by itself"));
    }

    [Test]
    public async Task A_primary_handler_set_through_di_is_hardened_too()
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = true, UseProxy = true };
        var services = new ServiceCollection();
        var builder = services.AddIntegry(options => options.UserId = "user-1")
            .AddLocalPassthrough()
            .AddCredentialProvider(new InMemoryCredentialProvider());
        builder.PassthroughHttpClient!.ConfigurePrimaryHttpMessageHandler(() => handler);
        await using var provider = services.BuildServiceProvider();

        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(IntegryBuilder.PassthroughHttpClientName);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(handler.AllowAutoRedirect, Is.False);
            Assert.That(handler.UseProxy, Is.False);
            Assert.That(handler.ConnectCallback, Is.Not.Null);
        }
    }

    private sealed class PassThroughHandler(HttpMessageHandler inner) : DelegatingHandler(inner);

    /// <summary>Behaves like a handler with automatic redirects on: it answers for another URI than the one asked.</summary>
    private sealed class SelfRedirectingHandler(Uri landing) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = landing;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent("{}") });
        }
    }
}
