using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.DependencyInjection;

/// <summary><c>AddIntegry</c> from a delegate or a configuration section gives one <see cref="IntegryClient"/> that calls Integry.</summary>
public class AddIntegryTests
{
    [Test]
    public async Task Add_integry_with_a_delegate_resolves_a_singleton_client_that_calls_integry()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").Respond("application/json", """{"network_code":"200","output":{}}""");
        var services = new ServiceCollection();
        services.AddIntegry(options =>
        {
            options.AppKey = IntegryApi.AppKey;
            options.AppSecret = IntegryApi.AppSecret;
            options.UserId = IntegryApi.UserId;
            options.BaseAddress = new Uri(IntegryApi.Base);
        }).ApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => api.Handler);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IntegryClient>();
        await client.InvokeFunctionAsync("slack-post-message", new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(provider.GetRequiredService<IntegryClient>(), Is.SameAs(client));
        Assert.That(client.UserId, Is.EqualTo(IntegryApi.UserId));
    }

    [Test]
    public async Task Add_integry_with_a_configuration_section_binds_every_option()
    {
        using var api = new IntegryApi();
        api.Handler.Expect(HttpMethod.Post, "https://example.test/integry/functions/slack-post-message/call/")
            .WithHeaders("App-Key", IntegryApi.AppKey)
            .WithHeaders("User-ID", IntegryApi.UserId)
            .WithHeaders("Hash", IntegryApi.UserHash)
            .Respond("application/json", """{"network_code":"200","output":{}}""");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Integry:AppKey"] = IntegryApi.AppKey,
                ["Integry:AppSecret"] = IntegryApi.AppSecret,
                ["Integry:UserId"] = IntegryApi.UserId,
                ["Integry:BaseAddress"] = "https://example.test/integry",
                ["Integry:Timeout"] = "00:00:30",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddIntegry(configuration.GetSection("Integry")).ApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => api.Handler);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<IntegryClient>();
        await client.InvokeFunctionAsync("slack-post-message", new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(provider.GetRequiredService<IntegryClient>(), Is.SameAs(client));
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<IntegryClientOptions>>().Value;
        Assert.That(options.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void Add_integry_refuses_null_arguments()
    {
        var services = new ServiceCollection();

        Assert.That(() => services.AddIntegry((Action<IntegryClientOptions>)null!), Throws.ArgumentNullException);
        Assert.That(() => services.AddIntegry((IConfiguration)null!), Throws.ArgumentNullException);
        Assert.That(() => ((IServiceCollection)null!).AddIntegry(_ => { }), Throws.ArgumentNullException);
    }

    [Test]
    public void A_client_registered_before_add_integry_is_kept()
    {
        var services = new ServiceCollection();
        var mine = new IntegryClient(new IntegryClientOptions { AppKey = "k", AppSecret = "s", UserId = "u" });
        services.AddSingleton(mine);

        services.AddIntegry(options =>
        {
            options.AppKey = IntegryApi.AppKey;
            options.AppSecret = IntegryApi.AppSecret;
        });
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IntegryClient>(), Is.SameAs(mine));
    }
}
