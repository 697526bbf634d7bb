using System.Text;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

public class BasicCredentialGoesInTheAuthorizationHeaderTests
{
    [Test]
    public async Task A_zendesk_basic_credential_is_sent_as_base64_user_colon_password_to_the_tenants_host()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("zendesk", new Credential.Basic("agent@acme.example/token", "zd-sécret") { Metadata = new Dictionary<string, string> { ["subdomain"] = "acme" } });
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("agent@acme.example/token:zd-sécret"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://acme.zendesk.com/api/v2/tickets.json")
            .WithExactQueryString("page[size]=2")
            .WithHeaders("Authorization", expected)
            .RespondCapturing(captured, body: """{"tickets":[]}""");

        var result = await host.InvokeAsync("zendesk", """{"method":"GET","url":"tickets.json?page[size]=2"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(captured.Single().Headers["Authorization"], Is.EqualTo(expected));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }
}
