using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>A server whose cursors go round in a circle ends the listing instead of looping forever.</summary>
public class ListFunctionsStopsOnACursorSeenBeforeTests
{
    [Test]
    public async Task Cursors_that_alternate_end_the_listing_after_each_page_was_fetched_once()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/").WithExactQueryString("type=QUERY").WithContent("{}")
            .Respond("application/json", """{"functions":[{"name":"f1","parameters":{}}],"_cursor":"A"}""");
        api.ExpectPost("functions/list/").WithExactQueryString("type=QUERY").WithContent("""{"_cursor":"A"}""")
            .Respond("application/json", """{"functions":[{"name":"f2","parameters":{}}],"_cursor":"B"}""");
        api.ExpectPost("functions/list/").WithExactQueryString("type=QUERY").WithContent("""{"_cursor":"B"}""")
            .Respond("application/json", """{"functions":[{"name":"f3","parameters":{}}],"_cursor":"A"}""");

        var functions = await api.CreateClient().ListFunctionsAsync(FunctionType.Query);

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(functions.Select(function => function.Name), Is.EqualTo(new[] { "f1", "f2", "f3" }));
        Assert.That(api.UnexpectedRequests, Is.Zero);
    }
}
