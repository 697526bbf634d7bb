using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

public class UserAgentHeaderIsSentTests
{
    [Test]
    public async Task Every_onward_request_names_the_sdk_and_its_version_in_user_agent()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/auth.test").RespondCapturing(captured);

        await host.InvokeAsync("slack", """{"method":"GET","url":"auth.test"}""");

        Assert.That(captured.Single().Headers["User-Agent"], Does.Match(@"^Integry\.Sdk/\d+\.\d+\.\d+$"));
    }
}
