using System.Text.Json;
using Integry.Sdk.Tests.TestSupport;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary><c>ListFunctionsAsync(FunctionType.Passthrough)</c> with a local executor lists one function per catalog app, without calling Integry.</summary>
public class PassthroughFunctionsAreListedLocallyTests
{
    private static readonly AppDefinition ExtraApp = new()
    {
        Slug = "acmecrm",
        DisplayName = "Acme CRM",
        Hosts = ["api.acmecrm.example"],
        BaseUrl = "https://api.acmecrm.example/",
    };

    [Test]
    public async Task One_passthrough_function_per_catalog_app_in_slug_order()
    {
        using var host = PassthroughTestHost.Create(options => options.Apps.Add(ExtraApp));

        var functions = await host.Client.ListFunctionsAsync(FunctionType.Passthrough);

        var expected = host.Executor.Catalog.Apps.Select(app => app.Slug + "-passthrough-request").ToArray();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(functions.Select(function => function.Name), Is.EqualTo(expected));
            Assert.That(expected, Does.Contain("slack-passthrough-request").And.Contain("acmecrm-passthrough-request"));
            Assert.That(functions, Has.Count.EqualTo(AppCatalog.BuiltIn.Count + 1));
            Assert.That(functions.Select(function => function.Meta), Is.All.Null, "meta only when asked for");
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task Each_function_has_the_method_url_body_schema_with_method_and_url_required()
    {
        using var host = PassthroughTestHost.Create();

        var slack = (await host.Client.ListFunctionsAsync(FunctionType.Passthrough)).Single(function => function.Name == "slack-passthrough-request");

        var parameters = slack.Parameters;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(parameters.GetProperty("type").GetString(), Is.EqualTo("object"));
            Assert.That(parameters.GetProperty("required").EnumerateArray().Select(item => item.GetString()), Is.EquivalentTo(new[] { "method", "url" }));
            Assert.That(parameters.GetProperty("properties").EnumerateObject().Select(property => property.Name), Is.EquivalentTo(new[] { "method", "url", "body" }));
            Assert.That(parameters.GetProperty("properties").GetProperty("method").GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(parameters.GetProperty("properties").GetProperty("url").GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(parameters.GetProperty("properties").GetProperty("method").GetProperty("enum").EnumerateArray().Select(item => item.GetString()), Is.EqualTo(new[] { "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS" }));
            Assert.That(slack.Description, Does.Contain("Slack"));
        }
    }

    [Test]
    public async Task The_app_filter_keeps_only_that_app()
    {
        using var host = PassthroughTestHost.Create();

        var functions = await host.Client.ListFunctionsAsync(FunctionType.Passthrough, new ListFunctionsOptions { App = "Pipedrive" });

        Assert.That(functions.Select(function => function.Name), Is.EqualTo(new[] { "pipedrive-passthrough-request" }));
    }

    [Test]
    public async Task The_app_filter_for_an_app_not_in_the_catalog_lists_nothing()
    {
        using var host = PassthroughTestHost.Create();

        var functions = await host.Client.ListFunctionsAsync(FunctionType.Passthrough, new ListFunctionsOptions { App = "nosuchapp" });

        Assert.That(functions, Is.Empty);
    }

    [TestCase("zendesk", "zendesk-passthrough-request")]
    [TestCase("HubSpot", "hubspot-passthrough-request")]
    [TestCase("acme crm", "acmecrm-passthrough-request")]
    public async Task The_search_matches_names_display_names_and_descriptions(string search, string expected)
    {
        using var host = PassthroughTestHost.Create(options => options.Apps.Add(ExtraApp));

        var functions = await host.Client.ListFunctionsAsync(FunctionType.Passthrough, new ListFunctionsOptions { Search = search });

        Assert.That(functions.Select(function => function.Name), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public async Task Include_meta_adds_the_type_and_the_app()
    {
        using var host = PassthroughTestHost.Create();

        var functions = await host.Client.ListFunctionsAsync(FunctionType.Passthrough, new ListFunctionsOptions { App = "slack", IncludeMeta = true });

        var meta = functions.Single().Meta;
        Assert.That(meta, Is.Not.Null);
        Assert.That(meta!.Type, Is.EqualTo("PASSTHROUGH"));
        Assert.That(meta.App?.Name, Is.EqualTo("slack"));
        Assert.That(meta.App?.Title, Is.EqualTo("Slack"));
    }

    [Test]
    public async Task Connected_only_lists_the_apps_the_user_connected()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("t"));
        host.Connect("pipedrive", new Credential.ApiKey("k"));
        host.Connect("github", new Credential.BearerToken("t"), userId: "user-2");

        var mine = await host.Client.ListFunctionsAsync(FunctionType.Passthrough, new ListFunctionsOptions { ConnectedOnly = true });
        var theirs = await host.Client.ForUser("user-2").ListFunctionsAsync(FunctionType.Passthrough, new ListFunctionsOptions { ConnectedOnly = true });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(mine.Select(function => function.Name), Is.EqualTo(new[] { "pipedrive-passthrough-request", "slack-passthrough-request" }));
            Assert.That(theirs.Select(function => function.Name), Is.EqualTo(new[] { "github-passthrough-request" }));
        }
    }

    [Test]
    public async Task Connected_only_combines_with_the_other_filters()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("t"));
        host.Connect("pipedrive", new Credential.ApiKey("k"));

        var functions = await host.Client.ListFunctionsAsync(FunctionType.Passthrough, new ListFunctionsOptions { ConnectedOnly = true, Search = "pipe", IncludeMeta = true });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(functions.Select(function => function.Name), Is.EqualTo(new[] { "pipedrive-passthrough-request" }));
            Assert.That(functions.Single().Meta?.App?.Name, Is.EqualTo("pipedrive"));
        }
    }

    [Test]
    public void Connected_only_without_a_user_is_a_programming_error()
    {
        using var host = PassthroughTestHost.Create();
        var client = new IntegryClient(new IntegryClientOptions { PassthroughExecutor = host.Executor });

        Assert.That(
            async () => await client.ListFunctionsAsync(FunctionType.Passthrough, new ListFunctionsOptions { ConnectedOnly = true }),
            Throws.InvalidOperationException.With.Message.Contains("ForUser"));
    }

    [Test]
    public async Task Get_function_describes_a_passthrough_function_with_its_meta()
    {
        using var host = PassthroughTestHost.Create();

        var function = await host.Client.GetFunctionAsync("notion-passthrough-request", new GetFunctionOptions { IncludeMeta = true });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(function.Name, Is.EqualTo("notion-passthrough-request"));
            Assert.That(function.Parameters.GetProperty("required").GetArrayLength(), Is.EqualTo(2));
            Assert.That(function.Meta?.App?.Title, Is.EqualTo("Notion"));
            Assert.That(function.Parameters.ValueKind, Is.EqualTo(JsonValueKind.Object));
        }
    }

    [Test]
    public void Get_function_for_an_app_outside_the_catalog_is_not_found()
    {
        using var host = PassthroughTestHost.Create();

        Assert.That(
            async () => await host.Client.GetFunctionAsync("nosuchapp-passthrough-request"),
            Throws.TypeOf<IntegryNotFoundException>().With.Message.EqualTo("Integry has no function 'nosuchapp-passthrough-request': Function not found."));
    }
}
