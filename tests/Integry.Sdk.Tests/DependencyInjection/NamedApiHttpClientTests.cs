using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.DependencyInjection;

/// <summary>Calls to Integry go through the named <see cref="HttpClient"/> "Integry.Sdk.Api", so users can add handlers to it.</summary>
public class NamedApiHttpClientTests
{
    [Test]
    public void The_api_client_name_is_integry_sdk_api()
    {
        Assert.That(IntegryBuilder.ApiHttpClientName, Is.EqualTo("Integry.Sdk.Api"));
    }

    [Test]
    public async Task Handlers_added_to_the_named_api_client_see_every_call()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").Respond("application/json", """{"network_code":"200","output":{}}""");
        api.ExpectPost("functions/list/").Respond("application/json", """{"functions":[],"_cursor":null}""");
        api.ExpectPost("functions/slack-post-message/get/").Respond("application/json", """{"name":"slack-post-message","parameters":{}}""");
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        var builder = services.AddIntegry(options =>
        {
            options.AppKey = IntegryApi.AppKey;
            options.AppSecret = IntegryApi.AppSecret;
            options.UserId = IntegryApi.UserId;
            options.BaseAddress = new Uri(IntegryApi.Base);
        });
        builder.ApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => api.Handler).AddHttpMessageHandler(() => counter);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IntegryClient>();

        await client.InvokeFunctionAsync("slack-post-message", new JsonObject());
        await client.ListFunctionsAsync(FunctionType.Action);
        await client.GetFunctionAsync("slack-post-message");

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(counter.Count, Is.EqualTo(3));
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;

        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
