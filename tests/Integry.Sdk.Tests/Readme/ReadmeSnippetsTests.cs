using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Readme;

/// <summary>Runs the README's snippets that need no network, so what the README promises stays true.</summary>
public class ReadmeSnippetsTests
{
    [Test]
    public async Task The_testing_your_code_snippet_runs_a_passthrough_against_a_fake_http_client()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://slack.com/api/auth.test").WithHeaders("Authorization", "Bearer xoxb-test").Respond("application/json", """{"ok":true}""");

        var client = ReadmeSnippets.TestingYourCode(mock);
        var result = await client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));

        mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>().With.Property(nameof(Result.Executed.NetworkCode)).EqualTo(200));
    }

    [Test]
    public async Task The_di_snippet_registers_a_client_that_runs_passthroughs_locally()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new MyDbContext());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Integry:UserId"] = "user-1" }).Build();

        ReadmeSnippets.Register(services, configuration);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IntegryClient>();
        var result = await client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));

        Assert.That(result, Is.TypeOf<Result.Rejected>(), "the README's token store is empty, so the user has not connected Slack");
        Assert.That(((Result.Rejected)result).ErrorDetails[0], Does.StartWith("User has not connected their Slack account."));
    }

    [Test]
    public async Task The_token_store_snippet_returns_the_users_token_with_its_metadata()
    {
        var db = new MyDbContext();
        db.Tokens.Rows[("user-1", "zendesk", null)] = new TokenRow("zd-token", null, new Dictionary<string, string> { ["subdomain"] = "acme" });

        var credential = await new MyTokenStore(db).GetCredentialAsync(new CredentialRequest { UserId = "user-1", App = "zendesk" });

        Assert.That(credential, Is.TypeOf<Credential.BearerToken>().With.Property(nameof(Credential.BearerToken.AccessToken)).EqualTo("zd-token"));
        Assert.That(credential!.Metadata["subdomain"], Is.EqualTo("acme"));
    }

    [Test]
    public void The_handling_results_snippet_takes_each_branch()
    {
        var log = new List<string>();
        using var ok = JsonDocument.Parse("""{"ok":true}""");

        var executed = ReadmeSnippets.Handle(new Result.Executed(200, ok.RootElement), log);
        ReadmeSnippets.Handle(new Result.Executed(404, ok.RootElement), log);
        var rejected = ReadmeSnippets.Handle(new Result.Rejected("nope", ["detail"]), log);

        Assert.That(log, Is.EqualTo(new[] { """use {"ok":true}""", "log 404", "show nope" }));
        Assert.That(executed, Is.EqualTo("""{"ok":true}"""));
        Assert.That(rejected, Is.EqualTo("nope"));
    }

    [Test]
    public void The_custom_app_snippet_builds_a_valid_catalog()
    {
        var options = ReadmeSnippets.AddApp(new PassthroughOptions());

        var executor = new PassthroughExecutor(new InMemoryCredentialProvider(), options);

        Assert.That(executor.Catalog.TryGetApp("acme", out var acme), Is.True);
        Assert.That(acme!.ApiKey!.Name, Is.EqualTo("X-Acme-Key"));
    }
}
