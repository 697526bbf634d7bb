using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>A relative URL extends the app's base URL: dot segments that would climb out of it are refused.</summary>
public class RelativeUrlsStayUnderTheBaseUrlTests
{
    [TestCase("../../oauth/token")]
    [TestCase("conversations.list/../../x")]
    [TestCase("./x")]
    [TestCase("%2e%2e/x")]
    public async Task Dot_segments_are_rejected_and_nothing_is_sent(string url)
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));

        var result = await host.InvokeAsync("slack", $$"""{"method":"GET","url":"{{url}}"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Rejected)result).FieldErrors!["url"], Does.StartWith("Must not contain '.' or '..' path segments"));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task Dots_inside_a_segment_or_in_the_query_are_fine()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/conversations.list").WithExactQueryString("cursor=..").Respond("application/json", "{}");

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"conversations.list?cursor=.."}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }
}
