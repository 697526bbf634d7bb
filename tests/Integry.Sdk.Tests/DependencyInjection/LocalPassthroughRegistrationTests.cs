using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.DependencyInjection;

/// <summary><c>AddLocalPassthrough</c> needs a credential provider; with one, passthroughs run locally and other functions at Integry.</summary>
public class LocalPassthroughRegistrationTests
{
    private static IntegryBuilder AddIntegry(ServiceCollection services) => services.AddIntegry(options =>
    {
        options.AppKey = IntegryApi.AppKey;
        options.AppSecret = IntegryApi.AppSecret;
        options.UserId = IntegryApi.UserId;
        options.BaseAddress = new Uri(IntegryApi.Base);
    });

    [Test]
    public async Task Without_a_credential_provider_start_up_validation_fails_with_a_clear_message()
    {
        var services = new ServiceCollection();
        AddIntegry(services).AddLocalPassthrough();
        await using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(exception!.Failures, Has.Some.Contains("No ICredentialProvider is registered").And.Some.Contains("AddCredentialProvider"));
    }

    [Test]
    public async Task Without_a_credential_provider_resolving_the_client_fails_with_the_same_message()
    {
        var services = new ServiceCollection();
        AddIntegry(services).AddLocalPassthrough();
        await using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<IntegryClient>(), Throws.Exception.With.Message.Contains("ICredentialProvider"));
    }

    [Test]
    public async Task With_a_credential_provider_start_up_validation_passes()
    {
        var services = new ServiceCollection();
        AddIntegry(services).AddLocalPassthrough().AddCredentialProvider(new InMemoryCredentialProvider());
        await using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<IStartupValidator>().Validate(), Throws.Nothing);
    }

    [Test]
    public async Task Passthrough_functions_run_locally_and_other_functions_at_integry()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .WithContent("""{"channel":"C1"}""")
            .Respond("application/json", """{"network_code":"200","output":{"remote":true}}""");
        using var slack = new MockHttpMessageHandler();
        slack.Expect(HttpMethod.Get, "https://slack.com/api/auth.test")
            .WithHeaders("Authorization", "Bearer xoxb-token")
            .Respond("application/json", """{"ok":true,"local":true}""");
        slack.Fallback.Throw(new UnexpectedRequestException());
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect(IntegryApi.UserId, "slack", new Credential.BearerToken("xoxb-token"));
        var services = new ServiceCollection();
        var builder = AddIntegry(services).AddLocalPassthrough(options => options.AllowUnguardedHandler = true).AddCredentialProvider(credentials);
        builder.ApiHttpClient.ConfigurePrimaryHttpMessageHandler(() => api.Handler);
        builder.PassthroughHttpClient!.ConfigurePrimaryHttpMessageHandler(() => slack);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IntegryClient>();

        var local = await client.InvokeFunctionAsync("slack-passthrough-request", new JsonObject { ["method"] = "GET", ["url"] = "https://slack.com/api/auth.test" });
        var remote = await client.InvokeFunctionAsync("slack-post-message", new JsonObject { ["channel"] = "C1" });

        api.Handler.VerifyNoOutstandingExpectation();
        slack.VerifyNoOutstandingExpectation();
        JsonAssert.AreEqual("""{"network_code":"200","output":{"ok":true,"local":true}}""", local.ToJson());
        JsonAssert.AreEqual("""{"network_code":"200","output":{"remote":true}}""", remote.ToJson());
    }

    [Test]
    public async Task With_only_local_passthrough_integrys_keys_are_optional()
    {
        var services = new ServiceCollection();
        services.AddIntegry(options => options.UserId = IntegryApi.UserId).AddLocalPassthrough().AddCredentialProvider(new InMemoryCredentialProvider());
        await using var provider = services.BuildServiceProvider();

        Assert.That(() => provider.GetRequiredService<IStartupValidator>().Validate(), Throws.Nothing);
        var result = await provider.GetRequiredService<IntegryClient>().InvokeFunctionAsync("slack-post-message", new JsonObject());
        Assert.That(result, Is.TypeOf<Result.Rejected>());
    }
}
