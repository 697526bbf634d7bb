using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Conformance;

/// <summary>
/// Apps, get and predict through the local executor and through the emulator: equal answers where both paths answer;
/// predict and get-with-prompt are Integry's alone and say so locally.
/// </summary>
public class ServerApiConformanceTests
{
    private ConformanceWorld _world = null!;

    [OneTimeSetUp]
    public async Task StartWorld() => _world = await ConformanceWorld.StartAsync(pageSize: 5);

    [OneTimeTearDown]
    public async Task StopWorld() => await _world.DisposeAsync();

    [Test]
    public async Task Get_app_is_the_same_app_with_the_same_accounts()
    {
        var local = await _world.Local.GetAppAsync("crm");
        var remote = await _world.Remote.GetAppAsync("crm");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(remote.Id, Is.EqualTo(local.Id));
            Assert.That(remote.Name, Is.EqualTo(local.Name));
            Assert.That(remote.Title, Is.EqualTo(local.Title).And.EqualTo("Demo CRM"));
            Assert.That(remote.IconUrl, Is.EqualTo(local.IconUrl));
            Assert.That(remote.DocsUrl, Is.EqualTo(local.DocsUrl));
            Assert.That(remote.LoginUrl, Is.EqualTo(local.LoginUrl));
            Assert.That(remote.AllowMultipleConnectedAccounts, Is.EqualTo(local.AllowMultipleConnectedAccounts));
            Assert.That(remote.ConnectedAccounts.Select(account => (account.Id, account.DisplayName)), Is.EqualTo(local.ConnectedAccounts.Select(account => (account.Id, account.DisplayName))));
            Assert.That(local.ConnectedAccounts.Select(account => account.Id), Is.EqualTo(new[] { "101", "102" }));
            Assert.That(remote.ConnectedAccounts.Select(account => account.ModifiedAt), Is.All.Not.Null, "Integry always dates an account; the in-memory provider does not");
        }
    }

    [Test]
    public async Task An_unknown_app_is_not_found_the_same_way()
    {
        var local = await Assert.ThrowsAsync<IntegryNotFoundException>(() => _world.Local.GetAppAsync("nosuchapp"));
        var remote = await Assert.ThrowsAsync<IntegryNotFoundException>(() => _world.Remote.GetAppAsync("nosuchapp"));

        Assert.That(remote!.Message, Is.EqualTo(local!.Message).And.EqualTo("Integry has no app 'nosuchapp': App not found."));
    }

    [TestCase("user-1", "crm", true)]
    [TestCase("user-2", "crm", false)]
    [TestCase("user-1", "slack", false)]
    [TestCase("user-1", "nosuchapp", false)]
    public async Task Is_connected_agrees(string user, string app, bool expected)
    {
        var local = await _world.Local.ForUser(user).IsAppConnectedAsync(app);
        var remote = await _world.Remote.ForUser(user).IsAppConnectedAsync(app);

        Assert.That(local, Is.EqualTo(expected));
        Assert.That(remote, Is.EqualTo(expected));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task List_apps_lists_the_same_apps_across_the_emulators_pages(bool connectedOnly)
    {
        var options = new ListAppsOptions { ConnectedOnly = connectedOnly };
        var local = await _world.Local.ListAppsAsync(options);
        var remote = await _world.Remote.ListAppsAsync(options);

        Assert.That(remote.Select(app => (app.Id, app.Name, app.Title, app.IsConnected)), Is.EqualTo(local.Select(app => (app.Id, app.Name, app.Title, app.IsConnected))));
        Assert.That(local, connectedOnly ? Has.Count.EqualTo(1) : Has.Count.GreaterThan(5));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Get_function_is_the_same_function_with_or_without_meta(bool includeMeta)
    {
        var options = new GetFunctionOptions { IncludeMeta = includeMeta };
        var local = await _world.Local.GetFunctionAsync("crm-passthrough-request", options);
        var remote = await _world.Remote.GetFunctionAsync("crm-passthrough-request", options);

        Assert.That(remote.Name, Is.EqualTo(local.Name));
        Assert.That(remote.Description, Is.EqualTo(local.Description));
        Assert.That(System.Text.Json.JsonElement.DeepEquals(remote.Parameters, local.Parameters), Is.True, "the same JSON Schema");
        Assert.That(remote.Meta?.Type, Is.EqualTo(local.Meta?.Type));
        Assert.That(remote.Meta?.App?.Name, Is.EqualTo(local.Meta?.App?.Name).And.EqualTo(includeMeta ? "crm" : null));
    }

    [Test]
    public async Task An_unknown_function_is_not_found_the_same_way()
    {
        var local = await Assert.ThrowsAsync<IntegryNotFoundException>(() => _world.Local.GetFunctionAsync("nosuchapp-passthrough-request"));
        var remote = await Assert.ThrowsAsync<IntegryNotFoundException>(() => _world.Remote.GetFunctionAsync("nosuchapp-passthrough-request"));

        Assert.That(remote!.Message, Is.EqualTo(local!.Message));
    }

    [Test]
    public async Task Predict_and_get_with_a_prompt_are_integrys_and_the_local_path_says_so()
    {
        var predicted = await _world.Remote.PredictFunctionsAsync("list the Demo CRM contacts: GET /v1/contacts", new PredictFunctionsOptions { PredictArguments = true });
        var withArguments = await _world.Remote.GetFunctionAsync("crm-passthrough-request", new GetFunctionOptions { Prompt = "list /v1/contacts" });

        Assert.That(predicted[0].Name, Is.EqualTo("crm-passthrough-request"));
        Assert.That(predicted[0].Arguments!.Value.GetRawText(), Is.EqualTo("""{"method":"GET","url":"/v1/contacts"}"""));
        Assert.That(withArguments.Arguments!.Value.GetProperty("url").GetString(), Is.EqualTo("/v1/contacts"));
        await Assert.ThatAsync(() => _world.Local.PredictFunctionsAsync("list contacts"), Throws.InvalidOperationException.With.Message.Contains("AppKey and AppSecret"));
        await Assert.ThatAsync(() => _world.Local.GetFunctionAsync("crm-passthrough-request", new GetFunctionOptions { Prompt = "list contacts" }), Throws.InvalidOperationException);
    }

    [Test]
    public async Task A_forged_cursor_is_a_clear_integry_exception_not_an_authentication_failure()
    {
        var client = new IntegryClient(new IntegryClientOptions
        {
            AppKey = ConformanceWorld.AppKey,
            AppSecret = ConformanceWorld.AppSecret,
            UserId = "user-1",
            BaseAddress = _world.Emulator.BaseAddress,
            HttpClient = new HttpClient(new ForgingHandler { InnerHandler = new HttpClientHandler() }),
        });

        var exception = await Assert.ThrowsAsync(Is.InstanceOf<IntegryException>(), () => client.ListAppsAsync());

        Assert.That(exception, Is.Not.InstanceOf<IntegryAuthenticationException>().And.Message.Contains("Invalid cursor."));
    }

    /// <summary>Replaces the cursor of every second page request with one the emulator never issued.</summary>
    private sealed class ForgingHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content && (await content.ReadAsStringAsync(cancellationToken)).Contains("_cursor", StringComparison.Ordinal))
            {
                request.Content = new StringContent("""{"_cursor":"forged!"}""", System.Text.Encoding.UTF8, "application/json");
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
