using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary><c>ListFunctionsAsync</c>: POST functions/list/?type=…, following <c>_cursor</c> to the end.</summary>
public class ListFunctionsWireTests
{
    private static string Page(string cursorJson, params string[] names)
    {
        var functions = names.Select(name => "{\"name\":\"" + name + "\",\"description\":\"d\",\"parameters\":{\"type\":\"object\"}}");
        return "{\"functions\":[" + string.Join(",", functions) + "],\"_cursor\":" + cursorJson + "}";
    }

    [TestCase(FunctionType.Passthrough, "PASSTHROUGH")]
    [TestCase(FunctionType.Action, "ACTION")]
    [TestCase(FunctionType.Query, "QUERY")]
    public async Task The_type_goes_upper_case_in_the_query_and_the_first_body_is_empty(FunctionType type, string wire)
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/")
            .WithExactQueryString(new Dictionary<string, string> { ["type"] = wire })
            .WithContent("{}")
            .Respond("application/json", Page("null", "slack-post-message"));

        var functions = await api.CreateClient().ListFunctionsAsync(type);

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(functions.Select(function => function.Name), Is.EqualTo(new[] { "slack-post-message" }));
    }

    [TestCase("null")]
    [TestCase("\"\"")]
    public async Task Pages_are_followed_by_cursor_until_it_is_null_or_empty(string lastCursor)
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/").WithExactQueryString("type=ACTION").WithContent("{}")
            .Respond("application/json", Page("\"c1\"", "a", "b"));
        api.ExpectPost("functions/list/").WithExactQueryString("type=ACTION").WithContent("""{"_cursor":"c1"}""")
            .Respond("application/json", Page("\"c2\"", "c"));
        api.ExpectPost("functions/list/").WithExactQueryString("type=ACTION").WithContent("""{"_cursor":"c2"}""")
            .Respond("application/json", Page(lastCursor, "d"));

        var functions = await api.CreateClient().ListFunctionsAsync(FunctionType.Action);

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(functions.Select(function => function.Name), Is.EqualTo(new[] { "a", "b", "c", "d" }));
    }

    [Test]
    public async Task Every_filter_goes_in_the_query_on_every_page()
    {
        var filters = new Dictionary<string, string>
        {
            ["type"] = "QUERY",
            ["app"] = "slack",
            ["connected_only"] = "true",
            ["include"] = "meta",
            ["search"] = "post message",
        };
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/").WithExactQueryString(filters).WithContent("{}")
            .Respond("application/json", Page("\"c1\"", "a"));
        api.ExpectPost("functions/list/").WithExactQueryString(filters).WithContent("""{"_cursor":"c1"}""")
            .Respond("application/json", Page("null", "b"));

        await api.CreateClient().ListFunctionsAsync(
            FunctionType.Query,
            new ListFunctionsOptions { App = "slack", ConnectedOnly = true, IncludeMeta = true, Search = "post message" });

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task The_search_words_are_escaped()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/")
            .WithExactQueryString(new Dictionary<string, string> { ["type"] = "ACTION", ["search"] = "a&b=c #d+é" })
            .With(request => request.RequestUri!.Query.Contains("search=a%26b%3Dc%20%23d%2B%C3%A9", StringComparison.Ordinal))
            .Respond("application/json", Page("null"));

        await api.CreateClient().ListFunctionsAsync(FunctionType.Action, new ListFunctionsOptions { Search = "a&b=c #d+é" });

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task Unset_filters_are_left_out_of_the_query()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/")
            .WithRawQuery("?type=ACTION")
            .Respond("application/json", Page("null"));

        await api.CreateClient().ListFunctionsAsync(FunctionType.Action, new ListFunctionsOptions());

        api.Handler.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task A_listed_function_keeps_its_description_parameters_and_meta()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/")
            .Respond("application/json", """
                {"functions":[{"name":"slack-post-message","description":"Post a message","parameters":{"type":"object","properties":{"channel":{"type":"string"}}},"meta":{"app":{"name":"slack"}}}],"_cursor":null}
                """);

        var function = (await api.CreateClient().ListFunctionsAsync(FunctionType.Action, new ListFunctionsOptions { IncludeMeta = true })).Single();

        Assert.That(function.Name, Is.EqualTo("slack-post-message"));
        Assert.That(function.Description, Is.EqualTo("Post a message"));
        JsonAssert.AreEqual("""{"type":"object","properties":{"channel":{"type":"string"}}}""", function.Parameters);
        Assert.That(function.Meta!.App!.Name, Is.EqualTo("slack"));
    }

    [Test]
    public async Task A_list_page_that_is_not_json_throws_an_integry_exception()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/").Respond("text/html", "<html>gateway</html>");

        await Assert.ThatAsync(() => api.CreateClient().ListFunctionsAsync(FunctionType.Action), Throws.InstanceOf<IntegryException>());
    }

    [Test]
    public async Task Authentication_failure_while_listing_throws_an_authentication_exception()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/").Respond(System.Net.HttpStatusCode.Forbidden, "application/json", """{"detail":"Authentication credentials were not provided."}""");

        await Assert.ThatAsync(() => api.CreateClient().ListFunctionsAsync(FunctionType.Action), Throws.TypeOf<IntegryAuthenticationException>());
    }
}
