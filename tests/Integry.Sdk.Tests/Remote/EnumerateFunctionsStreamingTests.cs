using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary><c>EnumerateFunctionsAsync</c> yields each page's functions before asking for the next page.</summary>
public class EnumerateFunctionsStreamingTests
{
    [Test]
    public async Task The_first_page_is_yielded_before_the_second_is_requested()
    {
        using var api = new IntegryApi();
        var first = api.ExpectPost("functions/list/").WithContent("{}")
            .Respond("application/json", """{"functions":[{"name":"a","parameters":{}},{"name":"b","parameters":{}}],"_cursor":"c1"}""");
        var second = api.ExpectPost("functions/list/").WithContent("""{"_cursor":"c1"}""")
            .Respond("application/json", """{"functions":[{"name":"c","parameters":{}}],"_cursor":null}""");
        var requestsWhenYielded = new List<(string Name, int First, int Second)>();

        await foreach (var function in api.CreateClient().EnumerateFunctionsAsync(FunctionType.Action))
        {
            requestsWhenYielded.Add((function.Name, api.Handler.GetMatchCount(first), api.Handler.GetMatchCount(second)));
        }

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(requestsWhenYielded, Is.EqualTo(new[] { ("a", 1, 0), ("b", 1, 0), ("c", 1, 1) }));
    }

    [Test]
    public async Task Stopping_after_the_first_function_requests_no_further_page()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/list/").WithContent("{}")
            .Respond("application/json", """{"functions":[{"name":"a","parameters":{}},{"name":"b","parameters":{}}],"_cursor":"c1"}""");

        await foreach (var function in api.CreateClient().EnumerateFunctionsAsync(FunctionType.Action))
        {
            Assert.That(function.Name, Is.EqualTo("a"));
            break;
        }

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(api.UnexpectedRequests, Is.Zero);
    }
}
