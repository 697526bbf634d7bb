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
    [TestCase("..")]
    [TestCase("x/..")]
    [TestCase("x/.")]
    [TestCase("x/..?cursor=1")]
    [TestCase("a//../x")]
    [TestCase("%2E/x")]
    [TestCase(".%2e/x")]
    [TestCase("x/%2E%2e")]
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

    [TestCase("files/a..b/x", "https://slack.com/api/files/a..b/x")]
    [TestCase("files/.hidden", "https://slack.com/api/files/.hidden")]
    [TestCase("files/x./y", "https://slack.com/api/files/x./y")]
    [TestCase("files/%2e%2ex/y", "https://slack.com/api/files/%2e%2ex/y")]
    public async Task A_segment_that_only_contains_dots_is_sent(string url, string sent)
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, sent).Respond("application/json", "{}");

        var result = await host.InvokeAsync("slack", $$"""{"method":"GET","url":"{{url}}"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>(), result.ToString());
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
