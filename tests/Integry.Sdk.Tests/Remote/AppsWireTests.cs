using System.Net;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>Apps on the wire: <c>POST apps/list/</c> (cursor paging, <c>connected_only</c>) and <c>POST apps/{name}/get/</c>.</summary>
public class AppsWireTests
{
    // Integry's documented answers: numeric ids, empty-string URLs, ISO dates, and a member this SDK does not know.
    private const string PipedriveJson = """
        {"id":410,"name":"pipedrive","title":"Pipedrive","icon_url":"https://storage.example/p.png","docs_url":"","login_url":"",
         "allow_multiple_connected_accounts":true,"category":"CRM",
         "connected_accounts":[{"id":247714,"display_name":"663----------8b1","modified_at":"2024-11-10T23:28:58Z","status":"active"}]}
        """;

    private const string SlackJson = """{"id":491,"name":"slack","title":"Slack","icon_url":"https://storage.example/s.png","docs_url":"","connected_accounts":[]}""";

    [Test]
    public async Task List_posts_an_empty_body_then_follows_the_cursor_in_the_body()
    {
        using var api = new IntegryApi();
        api.ExpectPost("apps/list/").WithExactQueryString(string.Empty).WithContent("{}")
            .Respond("application/json", $$"""{"apps":[{{PipedriveJson}}],"_cursor":"E5JTNBMzk"}""");
        api.ExpectPost("apps/list/").WithExactQueryString(string.Empty).WithContent("""{"_cursor":"E5JTNBMzk"}""")
            .Respond("application/json", $$"""{"apps":[{{SlackJson}}],"_cursor":null}""");

        var apps = await api.CreateClient().ListAppsAsync();

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(apps.Select(app => app.Name), Is.EqualTo(new[] { "pipedrive", "slack" }));
        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task Connected_only_is_a_query_flag()
    {
        using var api = new IntegryApi();
        api.ExpectPost("apps/list/").WithExactQueryString("connected_only=true").WithContent("{}")
            .Respond("application/json", $$"""{"apps":[{{PipedriveJson}}],"_cursor":""}""");

        var apps = new List<IntegryApp>();
        await foreach (var app in api.CreateClient().EnumerateAppsAsync(new ListAppsOptions { ConnectedOnly = true }))
        {
            apps.Add(app);
        }

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(apps.Single().Name, Is.EqualTo("pipedrive"));
    }

    [Test]
    public async Task Get_reads_integrys_documented_app_with_numeric_ids_empty_urls_and_dates()
    {
        using var api = new IntegryApi();
        api.ExpectPost("apps/pipedrive/get/").WithExactQueryString(string.Empty).WithContent("{}")
            .Respond("application/json", PipedriveJson);

        var app = await api.CreateClient().GetAppAsync("pipedrive");

        api.Handler.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(app.Id, Is.EqualTo("410"));
            Assert.That(app.Name, Is.EqualTo("pipedrive"));
            Assert.That(app.Title, Is.EqualTo("Pipedrive"));
            Assert.That(app.IconUrl, Is.EqualTo("https://storage.example/p.png"));
            Assert.That(app.DocsUrl, Is.Empty);
            Assert.That(app.AllowMultipleConnectedAccounts, Is.True);
            Assert.That(app.IsConnected, Is.True);
            Assert.That(app.ConnectedAccounts.Single().Id, Is.EqualTo("247714"));
            Assert.That(app.ConnectedAccounts.Single().DisplayName, Is.EqualTo("663----------8b1"));
            Assert.That(app.ConnectedAccounts.Single().ModifiedAt, Is.EqualTo(new DateTimeOffset(2024, 11, 10, 23, 28, 58, TimeSpan.Zero)));
        }
    }

    [Test]
    public async Task Get_escapes_the_app_name_as_one_path_segment()
    {
        using var api = new IntegryApi();
        api.ExpectPost("apps/50%25-crm/get/")
            .With(request => request.RequestUri!.AbsolutePath == "/apps/50%25-crm/get/")
            .Respond("application/json", """{"id":"x-1","name":"50%-crm","title":"","connected_accounts":[]}""");

        var app = await api.CreateClient().GetAppAsync("50%-crm");

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(app.Id, Is.EqualTo("x-1"), "a string id reads as well as a number");
    }

    [Test]
    public async Task An_unknown_app_is_not_found_and_is_not_connected()
    {
        using var api = new IntegryApi();
        api.ExpectPost("apps/nosuchapp/get/").Respond(HttpStatusCode.NotFound, "application/json", """{"detail":"App not found"}""");
        api.ExpectPost("apps/nosuchapp/get/").Respond(HttpStatusCode.NotFound, "application/json", """{"detail":"App not found"}""");
        var client = api.CreateClient();

        var exception = await Assert.ThrowsAsync<IntegryNotFoundException>(() => client.GetAppAsync("nosuchapp"));
        var connected = await client.IsAppConnectedAsync("nosuchapp");

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(exception!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(exception.Message, Is.EqualTo("Integry has no app 'nosuchapp': App not found."));
        Assert.That(connected, Is.False);
    }

    [Test]
    public async Task Is_connected_reads_the_connected_accounts()
    {
        using var api = new IntegryApi();
        api.ExpectPost("apps/pipedrive/get/").WithContent("{}").Respond("application/json", PipedriveJson);
        api.ExpectPost("apps/slack/get/").WithContent("{}").Respond("application/json", SlackJson);
        var client = api.CreateClient();

        Assert.That(await client.IsAppConnectedAsync("pipedrive"), Is.True);
        Assert.That(await client.IsAppConnectedAsync("slack"), Is.False);
        api.Handler.VerifyNoOutstandingExpectation();
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase("slack/../admin")]
    [TestCase("slack?x=1")]
    [TestCase("..")]
    public async Task A_bad_app_name_is_an_argument_exception_and_nothing_is_sent(string name)
    {
        using var api = new IntegryApi();
        var client = api.CreateClient();

        await Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => client.GetAppAsync(name));
        await Assert.ThrowsAsync(Is.InstanceOf<ArgumentException>(), () => client.IsAppConnectedAsync(name));
        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [TestCase(513)]
    [TestCase(100_000)]
    public async Task An_app_name_longer_than_any_app_is_not_found_and_nothing_is_sent(int length)
    {
        using var api = new IntegryApi();
        var client = api.CreateClient();
        var name = "slack" + new string('x', length - 5);

        var get = await Assert.CatchAsync<IntegryNotFoundException>(() => client.GetAppAsync(name));
        var connected = await client.IsAppConnectedAsync(name);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(get!.Message, Is.EqualTo($"Integry has no app 'slack{new string('x', 195)}…': App not found."));
            Assert.That(connected, Is.False);
            Assert.That(api.UnexpectedRequests, Is.Zero, "Integry's server would refuse the URL as too long");
        }
    }

    [Test]
    public async Task A_refused_cursor_is_a_clear_integry_exception_not_an_authentication_failure()
    {
        using var api = new IntegryApi();
        api.ExpectPost("apps/list/").WithContent("{}").Respond("application/json", """{"apps":[],"_cursor":"forged"}""");
        api.ExpectPost("apps/list/").WithContent("""{"_cursor":"forged"}""")
            .Respond(HttpStatusCode.BadRequest, "application/json", """{"detail":"Invalid cursor."}""");

        var exception = await Assert.ThrowsAsync(Is.InstanceOf<IntegryException>(), () => api.CreateClient().ListAppsAsync());

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(exception, Is.Not.InstanceOf<IntegryAuthenticationException>());
        Assert.That(exception!.Message, Does.Contain("Invalid cursor."));
    }
}
