using System.Net;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough.Pagination;

/// <summary>The listing always ends: on the app's last page, on a repeated cursor, at the page limit, or with a message when a page does not match the declaration.</summary>
public class PaginationStopsAndRefusesTests
{
    private const string SlackPage = """{"ok":true,"channels":[{"id":"C1"}],"response_metadata":{"next_cursor":"same"}}""";

    [Test]
    public async Task A_cursor_that_repeats_ends_the_listing_instead_of_looping()
    {
        using var host = CatalogPaginationRig.Connect("slack");
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/conversations.list").Respond("application/json", SlackPage);
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/conversations.list?cursor=same").Respond("application/json", SlackPage);

        var pages = await CollectAsync(host.Client.PaginateAsync("slack", PassthroughRequest.Get("conversations.list")));

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages, Has.Count.EqualTo(2));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task More_pages_than_the_limit_fail_with_a_message_after_yielding_the_limit()
    {
        using var host = CatalogPaginationRig.Connect("slack");
        var served = 0;
        host.Mock.When(HttpMethod.Get, "https://slack.com/api/conversations.list")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"ok\":true,\"channels\":[],\"response_metadata\":{\"next_cursor\":\"c" + ++served + "\"}}", System.Text.Encoding.UTF8, "application/json") });
        var pages = new List<Result>();

        var exception = await Assert.ThrowsAsync<IntegryException>(async () =>
        {
            await foreach (var page in host.Client.PaginateAsync("slack", PassthroughRequest.Get("conversations.list"), new PaginationOptions { MaxPages = 3 }))
            {
                pages.Add(page);
            }
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages, Has.Count.EqualTo(3));
            Assert.That(served, Is.EqualTo(3), "no fourth request");
            Assert.That(exception!.Message, Is.EqualTo("slack has more than 3 pages (PaginationOptions.MaxPages); the listing stopped there rather than end silently with part of the list."));
        }
    }

    [TestCase("""{"object":"list","data":[{"id":"cus_A"}]}""", "'/has_more' should be true or false, but the page has nothing there")]
    [TestCase("""{"object":"list","has_more":"yes","data":[{"id":"cus_A"}]}""", "'/has_more' should be true or false, but the page has the string \"yes\" there")]
    [TestCase("""{"object":"list","has_more":true,"data":{"id":"cus_A"}}""", "the items at '/data' should be an array, but the page has an object there")]
    [TestCase("""{"object":"list","has_more":true,"data":[{"name":"no id"}]}""", "the last item should have a 'id' member to continue from, but it has nothing")]
    public async Task A_stripe_page_that_does_not_match_the_declaration_fails_with_what_was_expected(string page, string what)
    {
        using var host = CatalogPaginationRig.Connect("stripe");
        host.Mock.Expect(HttpMethod.Get, "https://api.stripe.com/v1/customers").Respond("application/json", page);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => CollectAsync(host.Client.PaginateAsync("stripe", PassthroughRequest.Get("v1/customers"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Is.EqualTo($"The pages of stripe do not match its pagination declaration: {what}. The listing stopped."));
            Assert.That(host.Mock.GetMatchCount(host.Mock.Fallback), Is.Zero, "one request, no loop");
        }
    }

    [TestCase("""{"ok":true,"response_metadata":{"next_cursor":{"a":1}}}""", "'/response_metadata/next_cursor' should be a string, but the page has an object there")]
    [TestCase("\"<html>rate limited</html>\"", "the page should be a JSON object with the next page at '/response_metadata/next_cursor', but it is the string \"<html>rate limited</html>\"")]
    public async Task A_slack_page_that_does_not_match_fails_with_what_was_expected(string page, string what)
    {
        using var host = CatalogPaginationRig.Connect("slack");
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/conversations.list").Respond("application/json", page);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => CollectAsync(host.Client.PaginateAsync("slack", PassthroughRequest.Get("conversations.list"))));

        Assert.That(exception!.Message, Is.EqualTo($"The pages of slack do not match its pagination declaration: {what}. The listing stopped."));
    }

    [Test]
    public async Task A_page_that_says_more_follow_without_a_cursor_is_a_mismatch_not_an_end()
    {
        using var host = CatalogPaginationRig.Connect("notion");
        host.Mock.Expect(HttpMethod.Get, "https://api.notion.com/v1/users").Respond("application/json", """{"object":"list","results":[],"next_cursor":null,"has_more":true}""");

        var exception = await Assert.ThrowsAsync<IntegryException>(() => CollectAsync(host.Client.PaginateAsync("notion", PassthroughRequest.Get("users"))));

        Assert.That(exception!.Message, Does.Contain("the page says more pages follow, but has no next page at '/next_cursor'"));
    }

    [Test]
    public async Task A_notion_get_takes_the_cursor_in_the_query()
    {
        using var host = CatalogPaginationRig.Connect("notion");
        host.Mock.Expect(HttpMethod.Get, "https://api.notion.com/v1/users?page_size=1").Respond("application/json", """{"object":"list","results":[{"id":"u1"}],"next_cursor":"c-2","has_more":true}""");
        host.Mock.Expect(HttpMethod.Get, "https://api.notion.com/v1/users?page_size=1&start_cursor=c-2").Respond("application/json", """{"object":"list","results":[{"id":"u2"}],"next_cursor":null,"has_more":false}""");

        var items = await CollectAsync(host.Client.PaginateItemsAsync("notion", PassthroughRequest.Get("users").WithQuery("page_size", "1")));

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(items.Select(item => item.GetProperty("id").GetString()), Is.EqualTo(new[] { "u1", "u2" }));
    }

    [Test]
    public async Task An_error_page_ends_the_pages_and_fails_the_items()
    {
        using var host = CatalogPaginationRig.Connect("stripe");
        host.Mock.When(HttpMethod.Get, "https://api.stripe.com/v1/customers").Respond(HttpStatusCode.BadRequest, "application/json", """{"error":{"message":"bad"}}""");

        var pages = await CollectAsync(host.Client.PaginateAsync("stripe", PassthroughRequest.Get("v1/customers")));
        var exception = await Assert.ThrowsAsync<IntegryException>(() => CollectAsync(host.Client.PaginateItemsAsync("stripe", PassthroughRequest.Get("v1/customers"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages.Cast<Result.Executed>().Single().NetworkCode, Is.EqualTo(400));
            Assert.That(exception!.Message, Is.EqualTo("stripe answered a page with status 400; the listing stopped."));
        }
    }

    [Test]
    public async Task A_refused_page_ends_the_pages_and_fails_the_items()
    {
        using var host = PassthroughTestHost.Create();

        var pages = await CollectAsync(host.Client.PaginateAsync("stripe", PassthroughRequest.Get("v1/customers")));
        var exception = await Assert.ThrowsAsync<IntegryException>(() => CollectAsync(host.Client.PaginateItemsAsync("stripe", PassthroughRequest.Get("v1/customers"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(pages.Single(), Is.TypeOf<Result.Rejected>());
            Assert.That(exception!.Message, Does.StartWith("A page of stripe was refused:"));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public void An_app_without_a_declaration_needs_one_and_says_so()
    {
        using var host = PassthroughTestHost.Create();

        var exception = Assert.Throws<ArgumentException>(() => host.Client.PaginateAsync("trello", PassthroughRequest.Get("1/boards")));

        Assert.That(exception!.Message, Does.StartWith("The catalog declares no pagination for 'trello': give one in PaginationOptions.Pagination."));
    }

    [Test]
    public void Items_of_an_app_whose_items_differ_by_endpoint_need_a_path()
    {
        using var host = PassthroughTestHost.Create();

        var exception = Assert.Throws<ArgumentException>(() => host.Client.PaginateItemsAsync("slack", PassthroughRequest.Get("conversations.list")));

        Assert.That(exception!.Message, Does.StartWith("The items of slack's pages are in a different place for each endpoint"));
    }

    [Test]
    public void An_invalid_declaration_or_option_is_refused_before_sending()
    {
        using var host = PassthroughTestHost.Create();
        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ArgumentException>(() => host.Client.PaginateAsync("slack", PassthroughRequest.Get("x"), new PaginationOptions { MaxPages = 0 }));
            Assert.Throws<ArgumentException>(() => host.Client.PaginateAsync("slack", PassthroughRequest.Get("x"), new PaginationOptions { ItemsPath = "channels" }));
            Assert.Throws<ArgumentException>(() => host.Client.PaginateAsync("slack", PassthroughRequest.Get("x"), new PaginationOptions { Pagination = new PaginationDeclaration { Style = PaginationStyle.Cursor } }));
            Assert.Throws<ArgumentException>(() => host.Client.PaginateAsync("slack", PassthroughRequest.Get("x"), new PaginationOptions { Pagination = new PaginationDeclaration { Style = PaginationStyle.NextUrl, NextPath = "next" } }));
        }

        Assert.That(host.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task A_declaration_given_in_the_options_pages_an_app_the_catalog_declares_none_for()
    {
        using var host = CatalogPaginationRig.Connect("trello");
        host.Mock.Expect(HttpMethod.Get, "https://api.trello.com/1/search?page=0").Respond("application/json", """{"cards":[{"id":"1"}]}""");
        host.Mock.Expect(HttpMethod.Get, "https://api.trello.com/1/search?page=1").Respond("application/json", """{"cards":[]}""");
        var options = new PaginationOptions { ItemsPath = "/cards", Pagination = new PaginationDeclaration { Style = PaginationStyle.PageNumber, PageParameter = "page", FirstPage = 0 } };

        var items = await CollectAsync(host.Client.PaginateItemsAsync("trello", PassthroughRequest.Get("https://api.trello.com/1/search?page=0"), options));

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(items, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Link_header_pagination_through_integry_says_it_needs_the_local_executor()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/github-passthrough-request/call/").Respond("application/json", """{"network_code":"200","output":[{"id":1}]}""");

        var exception = await Assert.ThrowsAsync<IntegryException>(() => CollectAsync(api.CreateClient().PaginateAsync("github", PassthroughRequest.Get("https://api.github.com/user/repos"))));

        Assert.That(exception!.Message, Does.Contain("the next page is in the Link header, and Integry's API does not return the app's headers: paginate through the local executor (PassthroughExecutor)"));
    }

    [Test]
    public async Task Cursor_pagination_works_through_integry_too()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-passthrough-request/call/")
            .WithJsonBody("""{"method":"GET","url":"https://slack.com/api/conversations.list?limit=1"}""")
            .Respond("application/json", """{"network_code":"200","output":{"ok":true,"channels":[{"id":"C1"}],"response_metadata":{"next_cursor":"dGVhbTpD"}}}""");
        api.ExpectPost("functions/slack-passthrough-request/call/")
            .WithJsonBody("""{"method":"GET","url":"https://slack.com/api/conversations.list?limit=1&cursor=dGVhbTpD"}""")
            .Respond("application/json", """{"network_code":"200","output":{"ok":true,"channels":[{"id":"C2"}],"response_metadata":{"next_cursor":""}}}""");

        var items = await CollectAsync(api.CreateClient().PaginateItemsAsync("slack", PassthroughRequest.Get("https://slack.com/api/conversations.list?limit=1"), new PaginationOptions { ItemsPath = "/channels" }));

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(items.Select(item => item.GetProperty("id").GetString()), Is.EqualTo(new[] { "C1", "C2" }));
    }

    [Test]
    public void Link_headers_are_read_as_rfc_8288_writes_them()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Integry.Sdk.Passthrough.PaginationLinkHeader.FindNext(["<https://a.example/p?x=1,2>; rel=\"prev next\"; title=\"a, b; c\""]), Is.EqualTo("https://a.example/p?x=1,2"));
            Assert.That(Integry.Sdk.Passthrough.PaginationLinkHeader.FindNext(["<https://a.example/1>; rel=last", "<https://a.example/2>; REL=Next"]), Is.EqualTo("https://a.example/2"));
            Assert.That(Integry.Sdk.Passthrough.PaginationLinkHeader.FindNext(["<https://a.example/1>; rel=\"next\"; results=\"false\""]), Is.Null);
            Assert.That(Integry.Sdk.Passthrough.PaginationLinkHeader.FindNext(["<https://a.example/1>; rel=\"prev\""]), Is.Null);
            Assert.That(Integry.Sdk.Passthrough.PaginationLinkHeader.FindNext(["garbage", "<unterminated"]), Is.Null);
        }
    }

    private static async Task<List<T>> CollectAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
