using System.Net;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>
/// DESIGN.md, security rules: redirects are followed by the executor itself, re-checking every hop; credentials
/// never cross to a host outside the app.
/// </summary>
public class RedirectsAreFollowedOnlyWithinTheAppTests
{
    [Test]
    public async Task A_redirect_to_another_host_never_carries_the_credential_there()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-do-not-leak"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.get")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://files.example/download") } });
        host.Mock.Expect(HttpMethod.Get, "https://files.example/download")
            .With(request => request.Headers.Authorization is null && !request.Headers.Contains("Authorization"))
            .Respond("text/plain", "file");

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"files.get"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(host.UnexpectedRequests, Is.Zero, "the foreign host is reached only without the credential");
            Assert.That(((Result.Executed)result).Output.GetString(), Is.EqualTo("file"));
            Assert.That(result.ToString(), Does.Not.Contain("xoxb-do-not-leak"));
        }
    }

    [Test]
    public async Task A_redirect_to_another_host_is_refused_when_the_app_says_so()
    {
        using var host = PassthroughTestHost.Create(options => options.Apps.Add(AppCatalog.BuiltIn.Apps.Single(app => app.Slug == "slack") with { ForeignRedirects = ForeignRedirectPolicy.Refuse }));
        host.Connect("slack", new Credential.BearerToken("xoxb-do-not-leak"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.get")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://evil.example/steal") } });

        var exception = await Assert.ThrowsAsync<IntegryException>(() => host.InvokeAsync("slack", """{"method":"GET","url":"files.get"}"""));

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(host.UnexpectedRequests, Is.Zero, "nothing may reach evil.example");
            Assert.That(exception!.Message, Does.Contain("outside its origins"));
            Assert.That(exception.ToString(), Does.Not.Contain("xoxb-do-not-leak"));
        }
    }

    [Test]
    public async Task A_redirect_within_the_apps_host_is_followed_with_the_credential()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.get")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://slack.com/api/files.get.v2") } });
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.get.v2")
            .WithHeaders("Authorization", "Bearer xoxb-1")
            .Respond("application/json", """{"ok":true}""");

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"files.get"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.EqualTo(new Result.Executed(200, PassthroughJson.Parse("""{"ok":true}"""))));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }

        host.Mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task A_401_from_a_foreign_host_does_not_refresh_the_credential_or_resend_the_request()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var refreshes = 0;
        host.Credentials.Refresh = (_, _, _) =>
        {
            Interlocked.Increment(ref refreshes);
            return ValueTask.FromResult<Credential?>(new Credential.BearerToken("xoxb-2"));
        };
        host.Mock.Expect(HttpMethod.Post, "https://slack.com/api/files.export")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.SeeOther) { Headers = { Location = new Uri("https://downloads.example/signed?sig=expired") } });
        host.Mock.Expect(HttpMethod.Get, "https://downloads.example/signed")
            .With(request => request.Headers.Authorization is null)
            .Respond(HttpStatusCode.Unauthorized);

        var result = await host.InvokeAsync("slack", """{"method":"POST","url":"files.export","body":{"format":"csv"}}""");

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Executed)result).NetworkCode, Is.EqualTo(401));
            Assert.That(refreshes, Is.Zero, "the foreign host never saw the credential, so its 401 says nothing about it");
            Assert.That(host.UnexpectedRequests, Is.Zero, "the POST is not sent to the app a second time");
        }
    }

    [Test]
    public async Task A_307_with_a_body_to_a_foreign_host_is_not_followed()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Post, "https://slack.com/api/chat.postMessage")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.TemporaryRedirect) { Headers = { Location = new Uri("https://collector.example/in") } });

        var exception = await Assert.ThrowsAsync<IntegryException>(() => host.InvokeAsync("slack", """{"method":"POST","url":"chat.postMessage","body":{"text":"private"}}"""));

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("the body was not sent there"));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }
}
