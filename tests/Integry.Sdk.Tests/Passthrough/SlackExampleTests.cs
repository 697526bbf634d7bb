using System.Net;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>The product brief's Slack example, run end to end through the local executor.</summary>
public class SlackExampleTests
{
    [Test]
    public async Task The_documented_slack_call_reaches_slack_with_the_token_and_returns_the_documented_result()
    {
        var documented = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "SpecExamples", "slack-executed.json"));
        var slackBody = ((Result.Executed)Result.Parse(documented)).Output.GetRawText();
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://slack.com/api/conversations.list")
            .WithExactQueryString("limit=2")
            .WithHeaders("Authorization", "Bearer xoxb-test-token")
            .Respond("application/json", slackBody);
        mock.Fallback.Throw(new InvalidOperationException("Unexpected request"));
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "slack", new Credential.BearerToken("xoxb-test-token"));
        var executor = new PassthroughExecutor(credentials, new PassthroughOptions { Handler = mock, AllowUnguardedHandler = true });
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = executor });

        var result = await client.InvokeFunctionAsync(
            "slack-passthrough-request",
            new System.Text.Json.Nodes.JsonObject { ["method"] = "GET", ["url"] = "https://slack.com/api/conversations.list?limit=2" });

        mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
        JsonAssert.AreEqual(documented, result.ToJson());
        var record = ((InMemoryFunctionCallLog)executor.CallLog).GetRecords().Single();
        Assert.That(record.NetworkCode, Is.EqualTo((int)HttpStatusCode.OK));
        Assert.That(record.Url, Is.EqualTo("https://slack.com/api/conversations.list?limit=2"));
    }

    [Test]
    public async Task A_user_who_has_not_connected_slack_gets_integrys_rejection_and_nothing_is_sent()
    {
        using var mock = new MockHttpMessageHandler();
        var executor = new PassthroughExecutor(new InMemoryCredentialProvider(), new PassthroughOptions { Handler = mock, AllowUnguardedHandler = true });
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = executor });

        var result = await client.PassthroughAsync("slack", PassthroughRequest.Get("conversations.list?limit=2"));

        var documented = File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "SpecExamples", "slack-not-connected.json"));
        JsonAssert.AreEqual(documented, result.ToJson());
        Assert.That(mock.GetMatchCount(mock.Fallback), Is.Zero);
    }
}
