using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough.Typed;

public class QueryBuilderEscapesTests
{
    [TestCase("search", "a b", "search?q=a%20b")]
    [TestCase("search", "a+b&c=d", "search?q=a%2Bb%26c%3Dd")]
    [TestCase("search", "é/?#", "search?q=%C3%A9%2F%3F%23")]
    [TestCase("search?limit=2", "x", "search?limit=2&q=x")]
    [TestCase("search?", "x", "search?q=x")]
    [TestCase("search", "", "search?q=")]
    [TestCase("search", "-_.~", "search?q=-_.~")]
    public void Names_and_values_are_percent_encoded_and_joined(string url, string value, string expected) =>
        Assert.That(PassthroughRequest.Get(url).WithQuery("q", value).Url, Is.EqualTo(expected));

    [Test]
    public void A_bracketed_name_is_escaped_and_repeated_values_repeat_the_name() =>
        Assert.That(PassthroughRequest.Get("v1/charges").WithQuery("expand[]", ["customer", "invoice"]).Url, Is.EqualTo("v1/charges?expand%5B%5D=customer&expand%5B%5D=invoice"));

    [Test]
    public void A_url_with_a_fragment_takes_no_query() =>
        Assert.Throws<ArgumentException>(() => PassthroughRequest.Get("search#top").WithQuery("q", "x"));

    [Test]
    public async Task The_escaped_query_reaches_the_app_unchanged()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/search.messages").RespondCapturing(captured);

        await host.Client.PassthroughAsync("slack", PassthroughRequest.Get("search.messages").WithQuery("query", "in:#general from:@ann & é").WithQuery("count", "2"));

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(captured.Single().Uri.Query, Is.EqualTo("?query=in%3A%23general%20from%3A%40ann%20%26%20%C3%A9&count=2"));
    }
}
