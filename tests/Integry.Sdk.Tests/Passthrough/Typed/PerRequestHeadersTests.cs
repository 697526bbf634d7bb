using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough.Typed;

public class PerRequestHeadersTests
{
    [Test]
    public async Task A_callers_headers_reach_the_app_beside_the_credential()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("github", new Credential.BearerToken("gho_1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://api.github.com/repos/o/r")
            .WithHeaders("Authorization", "Bearer gho_1")
            .WithHeaders("X-GitHub-Api-Version", "2022-11-28")
            .WithHeaders("Accept", "application/vnd.github.raw+json")
            .RespondCapturing(captured);

        var result = await host.Client.PassthroughAsync("github", PassthroughRequest.Get("https://api.github.com/repos/o/r")
            .WithHeader("X-GitHub-Api-Version", "2022-11-28")
            .WithHeader("Accept", "application/vnd.github.raw+json"));

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task A_callers_header_replaces_the_apps_default_of_the_same_name()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("notion", new Credential.BearerToken("secret_1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://api.notion.com/v1/users/me").RespondCapturing(captured);

        await host.Client.PassthroughAsync("notion", PassthroughRequest.Get("users/me").WithHeader("notion-version", "2025-09-03"));

        Assert.That(captured.Single().Headers["Notion-Version"], Is.EqualTo("2025-09-03"));
    }

    [TestCase("Authorization")]
    [TestCase("authorization")]
    [TestCase("Proxy-Authorization")]
    [TestCase("Host")]
    [TestCase("COOKIE")]
    [TestCase("Content-Length")]
    [TestCase("Transfer-Encoding")]
    [TestCase("Content-Type")]
    [TestCase("Connection")]
    [TestCase("Keep-Alive")]
    [TestCase("TE")]
    [TestCase("Trailer")]
    [TestCase("Upgrade")]
    [TestCase("Proxy-Connection")]
    public void A_reserved_header_is_refused_whatever_its_case(string name)
    {
        var exception = Assert.Throws<ArgumentException>(() => PassthroughRequest.Get("users/me").WithHeader(name, "x"));
        Assert.That(exception!.Message, Does.Contain($"The header '{name}' cannot be set on a passthrough"));
    }

    [TestCase("X-Bad Name", "v")]
    [TestCase("X-Bad:Name", "v")]
    [TestCase("", "v")]
    [TestCase("X-Split", "a\r\nX-Injected: 1")]
    [TestCase("X-Nul", "a\0b")]
    public void A_malformed_header_is_refused(string name, string value) =>
        Assert.Throws<ArgumentException>(() => PassthroughRequest.Get("users/me").WithHeader(name, value));

    [Test]
    public async Task The_apps_own_credential_header_is_refused_and_nothing_is_sent()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("pipedrive", new Credential.ApiKey("pd-key"));

        var result = await host.Client.PassthroughAsync("pipedrive", PassthroughRequest.Get("v1/users/me").WithHeader("X-API-TOKEN", "someone-elses-key"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Rejected>());
            Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Does.Contain("The header 'X-API-TOKEN' cannot be set on a Pipedrive passthrough"));
            Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Does.Not.Contain("pd-key"));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task A_custom_credentials_header_is_refused_too()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.Custom { Headers = new Dictionary<string, string> { ["X-Slack-Key"] = "k-123456" } });

        var result = await host.Client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test").WithHeader("x-slack-key", "other"));

        Assert.That(result, Is.TypeOf<Result.Rejected>());
        Assert.That(host.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task The_callers_headers_do_not_follow_a_redirect_to_a_foreign_host()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.get")
            .WithHeaders("X-Trace", "t-1")
            .Respond(System.Net.HttpStatusCode.Found, [new KeyValuePair<string, string>("Location", "https://files.example.net/f1")], "text/plain", string.Empty);
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Get, "https://files.example.net/f1").RespondCapturing(captured);

        await host.Client.PassthroughAsync("slack", PassthroughRequest.Get("files.get").WithHeader("X-Trace", "t-1"));

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(captured.Single().Headers.ContainsKey("X-Trace"), Is.False);
            Assert.That(captured.Single().Headers.ContainsKey("Authorization"), Is.False);
        }
    }

    [Test]
    public void A_request_is_immutable_each_with_returns_a_copy()
    {
        var plain = PassthroughRequest.Get("users/me");
        var withHeader = plain.WithHeader("Accept", "application/json");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plain.Headers, Is.Empty);
            Assert.That(withHeader.Headers.Single(), Is.EqualTo(new KeyValuePair<string, string>("Accept", "application/json")));
        }
    }
}
