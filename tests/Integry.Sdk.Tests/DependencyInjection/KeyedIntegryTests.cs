using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.DependencyInjection;

/// <summary>Two Integry apps (two app keys) in one container: each keyed client has its own options, HTTP clients and executor.</summary>
public class KeyedIntegryTests
{
    private const string Base = "https://api.integry.test/";

    [Test]
    public async Task Each_keyed_client_signs_with_its_own_app_key_and_secret_through_its_own_http_client()
    {
        using var crmApi = new MockHttpMessageHandler();
        crmApi.Expect(HttpMethod.Post, Base + "functions/hubspot-create-contact/call/")
            .WithHeaders("App-Key", "crm-key").WithHeaders("User-ID", "user-1").WithHeaders("Hash", Hash("crm-secret", "user-1"))
            .Respond("application/json", """{"network_code":"200","output":{"app":"crm"}}""");
        crmApi.Fallback.Throw(new UnexpectedRequestException());
        using var supportApi = new MockHttpMessageHandler();
        supportApi.Expect(HttpMethod.Post, Base + "functions/zendesk-create-ticket/call/")
            .WithHeaders("App-Key", "support-key").WithHeaders("User-ID", "user-1").WithHeaders("Hash", Hash("support-secret", "user-1"))
            .Respond("application/json", """{"network_code":"200","output":{"app":"support"}}""");
        supportApi.Fallback.Throw(new UnexpectedRequestException());
        var services = new ServiceCollection();
        var crm = services.AddIntegry("crm", options => Configure(options, "crm-key", "crm-secret"));
        var support = services.AddIntegry("support", options => Configure(options, "support-key", "support-secret"));
        crm.ApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => crmApi);
        support.ApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => supportApi);
        services.AddSingleton<TwoApps>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var apps = provider.GetRequiredService<TwoApps>();
        var crmResult = await apps.Crm.ForUser("user-1").InvokeFunctionAsync("hubspot-create-contact", new JsonObject());
        var supportResult = await apps.Support.ForUser("user-1").InvokeFunctionAsync("zendesk-create-ticket", new JsonObject());

        crmApi.VerifyNoOutstandingExpectation();
        supportApi.VerifyNoOutstandingExpectation();
        await TestContext.Out.WriteLineAsync($"crm ({crm.ApiHttpClient.Name}): {crmResult.ToJson()}");
        await TestContext.Out.WriteLineAsync($"support ({support.ApiHttpClient.Name}): {supportResult.ToJson()}");
        JsonAssert.AreEqual("""{"network_code":"200","output":{"app":"crm"}}""", crmResult.ToJson());
        JsonAssert.AreEqual("""{"network_code":"200","output":{"app":"support"}}""", supportResult.ToJson());
        Assert.That(apps.Crm, Is.SameAs(provider.GetRequiredKeyedService<IntegryClient>("crm")));
        Assert.That(crm.ApiHttpClient.Name, Is.EqualTo("Integry.Sdk.Api:crm"));
        Assert.That(provider.GetService<IntegryClient>(), Is.Null, "no unkeyed client was registered");
    }

    [Test]
    public async Task Each_keyed_registration_has_its_own_local_executor_credentials_and_call_log()
    {
        using var apps = new MockHttpMessageHandler();
        apps.Expect(HttpMethod.Get, "https://slack.com/api/auth.test").WithHeaders("Authorization", "Bearer crm-token").Respond("application/json", "{}");
        apps.Expect(HttpMethod.Get, "https://slack.com/api/auth.test").WithHeaders("Authorization", "Bearer support-token").Respond("application/json", "{}");
        var crmCredentials = new InMemoryCredentialProvider();
        crmCredentials.Connect("user-1", "slack", new Credential.BearerToken("crm-token"));
        var supportCredentials = new InMemoryCredentialProvider();
        supportCredentials.Connect("user-1", "slack", new Credential.BearerToken("support-token"));
        var services = new ServiceCollection();
        services.AddIntegry("crm", options => options.UserId = "user-1").AddLocalPassthrough().AddCredentialProvider(crmCredentials)
            .PassthroughHttpClient!.ConfigurePrimaryHttpMessageHandler(() => apps);
        services.AddIntegry("support", options => options.UserId = "user-1").AddLocalPassthrough(options => options.MaxRetries = 0).AddCredentialProvider(supportCredentials)
            .PassthroughHttpClient!.ConfigurePrimaryHttpMessageHandler(() => apps);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();

        await provider.GetRequiredKeyedService<IntegryClient>("crm").PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));
        await provider.GetRequiredKeyedService<IntegryClient>("support").PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));

        apps.VerifyNoOutstandingExpectation();
        var crmExecutor = provider.GetRequiredKeyedService<PassthroughExecutor>("crm");
        var supportExecutor = provider.GetRequiredKeyedService<PassthroughExecutor>("support");
        Assert.That(crmExecutor, Is.Not.SameAs(supportExecutor));
        Assert.That(crmExecutor.CallLog, Is.Not.SameAs(supportExecutor.CallLog));
        Assert.That(((InMemoryFunctionCallLog)crmExecutor.CallLog).GetRecords(), Has.Count.EqualTo(1));
        Assert.That(provider.GetRequiredService<IOptionsMonitor<PassthroughOptions>>().Get("support").MaxRetries, Is.Zero);
        Assert.That(provider.GetRequiredService<IOptionsMonitor<PassthroughOptions>>().Get("crm").MaxRetries, Is.EqualTo(2));
    }

    [Test]
    public void A_keyed_registration_needs_a_name()
    {
        var services = new ServiceCollection();

        Assert.That(() => services.AddIntegry(" ", _ => { }), Throws.ArgumentException);
        Assert.That(() => services.AddIntegry("crm", (Action<IntegryClientOptions>)null!), Throws.ArgumentNullException);
    }

    private static void Configure(IntegryClientOptions options, string key, string secret)
    {
        options.AppKey = key;
        options.AppSecret = secret;
        options.BaseAddress = new Uri(Base);
    }

    private static string Hash(string secret, string userId) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(userId)));

    private sealed class TwoApps([FromKeyedServices("crm")] IntegryClient crm, [FromKeyedServices("support")] IntegryClient support)
    {
        public IntegryClient Crm { get; } = crm;

        public IntegryClient Support { get; } = support;
    }
}
