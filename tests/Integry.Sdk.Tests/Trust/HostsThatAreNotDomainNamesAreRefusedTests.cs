using System.Net;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Trust;

/// <summary>Found by the fuzz suite: a host that parses as a URI but is not a valid international domain name made <see cref="Uri.IdnHost"/> throw.</summary>
public class HostsThatAreNotDomainNamesAreRefusedTests
{
    [Test]
    public async Task As_the_url_it_is_rejected_with_a_reason()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-idn-123456"));

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"HTTPS://\uFEFF/api/a"}""");

        Assert.That(((Result.Rejected)result).FieldErrors!["url"], Is.EqualTo("Is not a valid URL: its host is not a valid domain name."));
        Assert.That(host.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task As_a_redirect_it_fails_the_call_with_an_integry_exception()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-idn-123456"));
        host.Mock.Expect("https://slack.com/api/a").Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            response.Headers.TryAddWithoutValidation("Location", "https://\uFEFF/steal");
            return response;
        });

        var exception = await Assert.ThrowsAsync<IntegryException>(() => host.InvokeAsync("slack", """{"method":"GET","url":"a"}"""));

        Assert.That(exception!.Message, Does.Contain("not a valid domain name"));
        Assert.That(host.UnexpectedRequests, Is.Zero);
    }
}
