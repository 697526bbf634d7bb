using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough.Typed;

/// <summary>Integry's passthrough takes <c>{method, url, body}</c> with a JSON body: anything else is refused before sending.</summary>
public class RemotePassthroughCarriesOnlyWhatIntegryCanTests
{
    [Test]
    public async Task Headers_are_rejected_by_name_and_nothing_is_sent()
    {
        using var api = new IntegryApi();

        var result = await api.CreateClient().PassthroughAsync("github", PassthroughRequest.Get("https://api.github.com/user").WithHeader("X-GitHub-Api-Version", "2022-11-28"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Rejected>());
            Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Does.StartWith("headers: Integry's passthrough carries only method, url and a JSON body, not headers (X-GitHub-Api-Version)"));
            Assert.That(api.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task A_form_body_is_rejected_naming_its_kind()
    {
        using var api = new IntegryApi();

        var result = await api.CreateClient().PassthroughAsync("stripe", PassthroughRequest.Post("https://api.stripe.com/v1/customers", PassthroughBody.Form([new("email", "a@b.c")])));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Does.StartWith("body: Integry's passthrough carries only a JSON body, not a form body (application/x-www-form-urlencoded)"));
            Assert.That(api.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task A_query_built_with_the_builder_is_carried_in_the_url()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-passthrough-request/call/")
            .WithJsonBody("""{"method":"GET","url":"https://slack.com/api/conversations.list?limit=2&cursor=dGVhbTpD%3D"}""")
            .Respond("application/json", """{"network_code":"200","output":{"ok":true}}""");

        await api.CreateClient().PassthroughAsync("slack", PassthroughRequest.Get("https://slack.com/api/conversations.list").WithQuery("limit", "2").WithQuery("cursor", "dGVhbTpD="));

        api.Handler.VerifyNoOutstandingExpectation();
    }
}
