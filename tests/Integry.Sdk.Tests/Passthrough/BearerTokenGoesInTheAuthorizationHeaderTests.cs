using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

public class BearerTokenGoesInTheAuthorizationHeaderTests
{
    [Test]
    public async Task A_slack_bearer_token_is_sent_as_authorization_bearer_on_a_get_with_its_query()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-bearer-1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/conversations.list")
            .WithExactQueryString("limit=2&cursor=abc")
            .WithHeaders("Authorization", "Bearer xoxb-bearer-1")
            .RespondCapturing(captured);

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"https://slack.com/api/conversations.list?limit=2&cursor=abc"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
        var request = captured.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Uri.AbsoluteUri, Is.EqualTo("https://slack.com/api/conversations.list?limit=2&cursor=abc"));
            Assert.That(request.Headers["Authorization"], Is.EqualTo("Bearer xoxb-bearer-1"));
            Assert.That(request.Body, Is.Null, "a GET without a body carries no content");
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task A_relative_url_is_resolved_against_the_base_url_and_still_gets_the_bearer_token()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("hubspot", new Credential.BearerToken("hub-token"));
        host.Mock.Expect(HttpMethod.Get, "https://api.hubapi.com/crm/v3/objects/contacts")
            .WithExactQueryString("limit=10")
            .WithHeaders("Authorization", "Bearer hub-token")
            .Respond("application/json", "{}");

        var result = await host.InvokeAsync("hubspot", """{"method":"GET","url":"crm/v3/objects/contacts?limit=10"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }
}
