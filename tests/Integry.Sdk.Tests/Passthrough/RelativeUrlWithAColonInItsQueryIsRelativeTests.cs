using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>
/// A colon in a relative URL's query (search syntax, times) does not make it an absolute URL with a scheme:
/// only <c>scheme:</c> before any '/', '?' or '#' does (RFC 3986 §4.2).
/// </summary>
public class RelativeUrlWithAColonInItsQueryIsRelativeTests
{
    [TestCase("slack", "search.messages?query=from:me", "https://slack.com/api/search.messages", "query=from:me")]
    [TestCase("slack", "conversations.history?channel=C1&latest=12:30", "https://slack.com/api/conversations.history", "channel=C1&latest=12:30")]
    [TestCase("zendesk", "search.json?query=type:ticket", "https://acme.zendesk.com/api/v2/search.json", "query=type:ticket")]
    public async Task Is_resolved_against_the_base_url_and_sent(string app, string url, string expectedUrl, string expectedQuery)
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Connect("zendesk", new Credential.Basic("agent", "pw") { Metadata = new Dictionary<string, string> { ["subdomain"] = "acme" } });
        host.Mock.Expect(HttpMethod.Get, expectedUrl).WithExactQueryString(expectedQuery).Respond("application/json", "{}");

        var result = await host.InvokeAsync(app, "{\"method\":\"GET\",\"url\":" + PassthroughJson.Quote(url) + "}");

        Assert.That(result, Is.TypeOf<Result.Executed>(), result.ToString());
        host.Mock.VerifyNoOutstandingExpectation();
    }
}
