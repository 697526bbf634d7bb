using System.Text.Json;
using Integry.Sdk.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Readme;

/// <summary>
/// Runs the README's snippets that need no network. <see cref="ReadmeSnippets"/> is generated from README.md's own
/// C# blocks at build time (Readme/ReadmeSnippets.targets), so the build proves every block compiles.
/// </summary>
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
    public async Task The_ef_core_provider_and_di_snippet_run_a_passthrough_with_the_token_from_sqlite()
    {
        // A named in-memory SQLite database lives as long as one connection to it is open.
        var connectionString = $"Data Source=readme-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        await using var keepAlive = new SqliteConnection(connectionString);
        await keepAlive.OpenAsync();
        using var slack = new MockHttpMessageHandler();
        slack.Expect(HttpMethod.Get, "https://slack.com/api/auth.test")
            .WithHeaders("Authorization", "Bearer xoxb-from-sqlite")
            .Respond("application/json", """{"ok":true,"user":"ada"}""");
        slack.Fallback.Throw(new UnexpectedRequestException());

        // Development turns on the container's scope validation: a singleton that captured the scoped DbContext fails here.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development, DisableDefaults = false });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Tokens"] = connectionString,
            ["Integry:UserId"] = "user-1",
        });
        ReadmeSnippets.AddIntegryToHost(builder);
        builder.Services.AddHttpClient(IntegryBuilder.PassthroughHttpClientName).ConfigurePrimaryHttpMessageHandler(() => slack);
        using var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MyDbContext>();
            await db.Database.EnsureCreatedAsync();
            db.Tokens.Add(new StoredToken { UserId = "user-1", App = "slack", AccountId = "T1", AccessToken = "xoxb-from-sqlite" });
            await db.SaveChangesAsync();
        }

        var client = host.Services.GetRequiredService<IntegryClient>();
        var connected = await client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));
        var notConnected = await client.ForUser("user-2").PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));

        slack.VerifyNoOutstandingExpectation();
        await TestContext.Out.WriteLineAsync("user-1: " + connected.ToJson());
        await TestContext.Out.WriteLineAsync("user-2: " + notConnected.ToJson());
        JsonAssert.AreEqual("""{"network_code":"200","output":{"ok":true,"user":"ada"}}""", connected.ToJson());
        Assert.That(notConnected, Is.TypeOf<Result.Rejected>());
        Assert.That(((Result.Rejected)notConnected).ErrorDetails[0], Does.StartWith("User has not connected their Slack account."));
    }

    [Test]
    public async Task The_ef_core_provider_returns_the_tenant_subdomain_as_metadata()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var db = new MyDbContext(new DbContextOptionsBuilder<MyDbContext>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync();
        db.Tokens.Add(new StoredToken { UserId = "user-1", App = "zendesk", AccessToken = "zd-token", Subdomain = "acme" });
        await db.SaveChangesAsync();

        var credential = await new MyTokenStore(db).GetCredentialAsync(new CredentialRequest { UserId = "user-1", App = "zendesk" });

        Assert.That(credential, Is.TypeOf<Credential.BearerToken>().With.Property(nameof(Credential.BearerToken.AccessToken)).EqualTo("zd-token"));
        Assert.That(credential!.Metadata["subdomain"], Is.EqualTo("acme"));
    }

    [Test]
    public async Task The_two_apps_snippet_registers_two_keyed_clients()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Integry:Crm:AppKey"] = "crm-key",
            ["Integry:Crm:AppSecret"] = "crm-secret",
            ["Integry:Support:AppKey"] = "support-key",
            ["Integry:Support:AppSecret"] = "support-secret",
        });

        ReadmeSnippets.AddTwoIntegryApps(builder);
        using var host = builder.Build();
        host.Services.GetRequiredService<IStartupValidator>().Validate();

        var crm = host.Services.GetRequiredKeyedService<IntegryClient>("crm");
        var support = host.Services.GetRequiredKeyedService<IntegryClient>("support");
        Assert.That(crm, Is.Not.SameAs(support));
        Assert.That(host.Services.GetRequiredService<IOptionsMonitor<IntegryClientOptions>>().Get("support").AppKey, Is.EqualTo("support-key"));
        await Task.CompletedTask;
    }

    [Test]
    public async Task The_invoke_snippets_send_the_account_variables_and_version()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/?connected_account_id=43654")
            .WithJsonBody("""{"channel":"C6F3LQ03A","text":"Hello"}""")
            .Respond("application/json", """{"network_code":"200","output":{}}""");
        api.ExpectPost("functions/slack-post-message/call/?connected_account_id=43654")
            .WithHeaders("Version", "2")
            .WithJsonBody("""{"channel":"C6F3LQ03A","text":"Hello {name}","_variables":{"name":"Ada"}}""")
            .Respond("application/json", """{"network_code":"200","output":{}}""");
        var client = api.CreateClient();

        await ReadmeSnippets.InvokeAsync(client);
        await ReadmeSnippets.InvokeWithOptionsAsync(client);

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task The_mock_snippet_stands_in_for_every_call_form_and_for_user()
    {
        IntegryClient client = new FakeIntegry();

        var result = await client.ForUser("user-9").InvokeFunctionAsync("slack-post-message", new System.Text.Json.Nodes.JsonObject(), "43654");

        Assert.That(client.ForUser("user-9"), Is.SameAs(client));
        Assert.That(result, Is.TypeOf<Result.Rejected>());
    }

    [Test]
    public void The_handling_results_snippet_takes_each_branch()
    {
        var log = new List<string>();
        using var ok = JsonDocument.Parse("""{"ok":true}""");
        void Use(JsonElement output) => log.Add("use " + output.GetRawText());
        void Log(int code, JsonElement output) => log.Add($"log {code}");
        void Show(string error, IReadOnlyList<string> details, IReadOnlyDictionary<string, string>? fields) => log.Add("show " + error);

        var executed = ReadmeSnippets.Handle(new Result.Executed(200, ok.RootElement), Use, Log, Show);
        ReadmeSnippets.Handle(new Result.Executed(404, ok.RootElement), Use, Log, Show);
        var rejected = ReadmeSnippets.Handle(new Result.Rejected("nope", ["detail"]), Use, Log, Show);

        Assert.That(log, Is.EqualTo(new[] { """use {"ok":true}""", "log 404", "show nope" }));
        Assert.That(executed, Is.EqualTo("""{"ok":true}"""));
        Assert.That(rejected, Is.EqualTo("nope"));
    }

    [Test]
    public void The_custom_app_snippet_builds_a_valid_catalog()
    {
        var options = new PassthroughOptions();
        ReadmeSnippets.AddApp(options);

        var executor = new PassthroughExecutor(new InMemoryCredentialProvider(), options);

        Assert.That(executor.Catalog.TryGetApp("acme", out var acme), Is.True);
        Assert.That(acme!.ApiKeyPlacement!.Name, Is.EqualTo("X-Acme-Key"));
    }

    [Test]
    public void The_readme_states_the_built_in_catalogs_real_size()
    {
        var readme = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "README.md"));

        Assert.That(readme, Does.Contain($"({AppCatalog.BuiltIn.Apps.Count} apps,"));
    }
}
