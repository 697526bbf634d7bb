using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>
/// <see cref="Credential.BearerToken"/>'s expiry "is refreshed shortly before", through
/// <see cref="ICredentialProvider.RefreshCredentialAsync"/> (DESIGN.md: "a refresh hook for expired OAuth tokens").
/// </summary>
public class ExpiredBearerTokenIsRefreshedBeforeSendingTests
{
    [Test]
    public async Task A_token_that_has_expired_is_refreshed_and_the_fresh_one_is_sent()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-expired", expiresAt: DateTimeOffset.UnixEpoch), "acc-1");
        var refreshed = new List<CredentialRequest>();
        host.Credentials.Refresh = (request, _, _) =>
        {
            refreshed.Add(request);
            return ValueTask.FromResult<Credential?>(new Credential.BearerToken("xoxb-fresh", DateTimeOffset.MaxValue));
        };
        host.Mock.When(HttpMethod.Get, "https://slack.com/api/auth.test")
            .WithHeaders("Authorization", "Bearer xoxb-fresh")
            .Respond("application/json", """{"ok":true}""");
        host.Mock.When(HttpMethod.Get, "https://slack.com/api/auth.test")
            .WithHeaders("Authorization", "Bearer xoxb-expired")
            .Respond(System.Net.HttpStatusCode.Unauthorized, "application/json", """{"ok":false,"error":"token_expired"}""");

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"auth.test"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refreshed.Select(request => request.App), Is.EqualTo(new[] { "slack" }));
            Assert.That(result, Is.EqualTo(new Result.Executed(200, PassthroughJson.Parse("""{"ok":true}"""))), "the expired token was sent instead of a fresh one");
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }
}
