using System.Net;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

public class ApiKeyGoesInTheAppsHeaderTests
{
    [Test]
    public async Task A_pipedrive_api_key_is_sent_in_x_api_token_and_nowhere_else()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("pipedrive", new Credential.ApiKey("pd-key-123"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://api.pipedrive.com/api/v2/persons")
            .WithHeaders("x-api-token", "pd-key-123")
            .WithHeaders("Content-Type", "application/json; charset=utf-8")
            .WithContent("""{"name":"Sample contact"}""")
            .RespondCapturing(captured, HttpStatusCode.OK, body: """{"success":true,"data":{"id":27}}""");

        var result = await host.InvokeAsync("pipedrive", """{"method":"POST","url":"https://api.pipedrive.com/api/v2/persons","body":{"name":"Sample contact"}}""");

        host.Mock.VerifyNoOutstandingExpectation();
        var request = captured.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.EqualTo(new Result.Executed(200, PassthroughJson.Parse("""{"success":true,"data":{"id":27}}"""))));
            Assert.That(request.Headers.ContainsKey("Authorization"), Is.False, "the key goes only where the app says");
            Assert.That(request.Uri.Query, Is.Empty, "the key is not copied into the query");
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task A_company_domain_of_pipedrive_is_one_of_its_hosts()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("pipedrive", new Credential.ApiKey("pd-key-123"));
        host.Mock.Expect(HttpMethod.Get, "https://acme.pipedrive.com/api/v1/users/me")
            .WithHeaders("x-api-token", "pd-key-123")
            .Respond("application/json", "{}");

        var result = await host.InvokeAsync("pipedrive", """{"method":"GET","url":"https://acme.pipedrive.com/api/v1/users/me"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }
}
