using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

public class DefaultHeadersOfTheAppAreSentTests
{
    [Test]
    public async Task Notion_gets_its_notion_version_header_next_to_the_token()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("notion", new Credential.BearerToken("secret_notion"));
        host.Mock.Expect(HttpMethod.Post, "https://api.notion.com/v1/search")
            .WithHeaders("Notion-Version", "2022-06-28")
            .WithHeaders("Authorization", "Bearer secret_notion")
            .WithContent("""{"query":"roadmap"}""")
            .Respond("application/json", """{"results":[]}""");

        var result = await host.InvokeAsync("notion", """{"method":"POST","url":"search","body":{"query":"roadmap"}}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task Github_gets_its_accept_and_api_version_headers()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("github", new Credential.BearerToken("ghp_token"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://api.github.com/user/repos")
            .WithExactQueryString("per_page=1")
            .WithHeaders("Accept", "application/vnd.github+json")
            .WithHeaders("X-GitHub-Api-Version", "2022-11-28")
            .WithHeaders("Authorization", "Bearer ghp_token")
            .RespondCapturing(captured, body: "[]");

        var result = await host.InvokeAsync("github", """{"method":"GET","url":"user/repos?per_page=1"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(captured.Single().Headers["Accept"], Is.EqualTo("application/vnd.github+json"), "one Accept value, not a list");
        }
    }

    [Test]
    public async Task A_default_authorization_header_cannot_replace_the_injected_credential()
    {
        var app = new AppDefinition
        {
            Slug = "defaults",
            DisplayName = "Defaults",
            Hosts = ["api.defaults.example"],
            BaseUrl = "https://api.defaults.example/",
            DefaultHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer from-defaults" },
        };
        using var host = PassthroughTestHost.Create(options => options.Apps.Add(app));
        host.Connect("defaults", new Credential.BearerToken("users-token"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://api.defaults.example/me").RespondCapturing(captured);

        await host.InvokeAsync("defaults", """{"method":"GET","url":"me"}""");

        Assert.That(captured.Single().Headers["Authorization"], Is.EqualTo("Bearer users-token"));
    }
}
