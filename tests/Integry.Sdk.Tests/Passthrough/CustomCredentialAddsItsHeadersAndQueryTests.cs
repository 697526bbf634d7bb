using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

public class CustomCredentialAddsItsHeadersAndQueryTests
{
    private static readonly AppDefinition CustomApp = new()
    {
        Slug = "customauth",
        DisplayName = "Custom Auth",
        Hosts = ["api.customauth.example"],
        BaseUrl = "https://api.customauth.example/",
    };

    [Test]
    public async Task Every_custom_header_and_query_parameter_is_sent_as_given()
    {
        using var host = PassthroughTestHost.Create(options => options.Apps.Add(CustomApp));
        host.Connect("customauth", new Credential.Custom
        {
            Headers = new Dictionary<string, string> { ["X-Client-Id"] = "client-7", ["X-Signature"] = "sig-value" },
            QueryParameters = new Dictionary<string, string> { ["account"] = "acme", ["sig"] = "q s" },
        });
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://api.customauth.example/items")
            .WithExactQueryString("page=1&account=acme&sig=q%20s")
            .WithHeaders("X-Client-Id", "client-7")
            .WithHeaders("X-Signature", "sig-value")
            .RespondCapturing(captured);

        var result = await host.InvokeAsync("customauth", """{"method":"GET","url":"items?page=1"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(captured.Single().Headers.ContainsKey("Authorization"), Is.False);
            Assert.That(host.CallLog.GetRecords().Single().Url, Is.EqualTo("https://api.customauth.example/items?page=1&account=***&sig=***"));
        }
    }
}
