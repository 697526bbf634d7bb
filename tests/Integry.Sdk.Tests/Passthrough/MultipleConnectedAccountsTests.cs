using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

public class MultipleConnectedAccountsTests
{
    [Test]
    public async Task The_connected_account_id_picks_that_accounts_token()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-team-a"), "acc-a");
        host.Connect("slack", new Credential.BearerToken("xoxb-team-b"), "acc-b");
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/auth.test")
            .WithHeaders("Authorization", "Bearer xoxb-team-b")
            .Respond("application/json", """{"team":"b"}""");

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"auth.test"}""", connectedAccountId: "acc-b");

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Executed)result).Output.GetProperty("team").GetString(), Is.EqualTo("b"));
            Assert.That(host.CallLog.GetRecords().Single().ConnectedAccountId, Is.EqualTo("acc-b"));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task Without_an_id_the_account_connected_first_is_used()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-team-a"), "acc-a");
        host.Connect("slack", new Credential.BearerToken("xoxb-team-b"), "acc-b");
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/auth.test")
            .WithHeaders("Authorization", "Bearer xoxb-team-a")
            .Respond("application/json", "{}");

        await host.InvokeAsync("slack", """{"method":"GET","url":"auth.test"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(host.CallLog.GetRecords().Single().ConnectedAccountId, Is.EqualTo("acc-a"), "the log names the account actually used");
    }

    [Test]
    public async Task Another_users_account_id_is_not_reachable()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-mine"), "acc-mine");
        host.Connect("slack", new Credential.BearerToken("xoxb-theirs"), "acc-theirs", userId: "user-2");

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"auth.test"}""", connectedAccountId: "acc-theirs");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Rejected>());
            Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Does.StartWith("User has no connected Slack account with id 'acc-theirs'."));
            Assert.That(result.ToString(), Does.Not.Contain("xoxb-theirs"));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task For_user_reaches_that_users_own_account()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-mine"), "acc-mine");
        host.Connect("slack", new Credential.BearerToken("xoxb-theirs"), "acc-theirs", userId: "user-2");
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/auth.test")
            .WithHeaders("Authorization", "Bearer xoxb-theirs")
            .Respond("application/json", "{}");

        var result = await host.Client.ForUser("user-2").PassthroughAsync("slack", PassthroughRequest.Get("auth.test"), connectedAccountId: "acc-theirs");

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(host.CallLog.GetRecords().Single().UserId, Is.EqualTo("user-2"));
        }
    }
}
