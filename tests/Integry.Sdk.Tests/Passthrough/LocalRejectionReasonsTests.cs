using Integry.Sdk.Tests.TestSupport;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>Every rejection of the local executor carries its <see cref="RejectionReason"/>, equal to the public factory's.</summary>
public class LocalRejectionReasonsTests
{
    [Test]
    public async Task Not_connected()
    {
        using var host = PassthroughTestHost.Create();

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"https://slack.com/api/auth.test"}""");

        AssertRejected(result, RejectionReason.NotConnected, Result.Rejected.NotConnected("slack", "Slack"));
    }

    [Test]
    public async Task Account_not_found()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("t"), "acct-1");

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"https://slack.com/api/auth.test"}""", connectedAccountId: "acct-9");

        AssertRejected(result, RejectionReason.AccountNotFound, Result.Rejected.AccountNotFound("slack", "Slack", "acct-9"));
    }

    [Test]
    public async Task Reconnect_required_when_an_expired_token_cannot_be_refreshed()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("t") { ExpiresAt = DateTimeOffset.UnixEpoch });

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"https://slack.com/api/auth.test"}""");

        AssertRejected(result, RejectionReason.ReconnectRequired, Result.Rejected.ReconnectRequired("slack", "Slack"));
    }

    [Test]
    public async Task Invalid_arguments()
    {
        using var host = PassthroughTestHost.Create();

        var result = await host.InvokeAsync("slack", """{"url":"x"}""");

        Assert.That(((Result.Rejected)result).Reason, Is.EqualTo(RejectionReason.InvalidArguments));
    }

    [Test]
    public async Task Function_not_found()
    {
        using var host = PassthroughTestHost.Create();

        var result = await host.Client.InvokeFunctionAsync("nosuchapp-passthrough-request", PassthroughJson.Parse("""{"method":"GET","url":"x"}"""));

        AssertRejected(result, RejectionReason.FunctionNotFound, Result.Rejected.FunctionNotFound("nosuchapp-passthrough-request"));
    }

    [Test]
    public async Task Credential_kind_not_accepted()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.Basic("user", "password"));

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"https://slack.com/api/auth.test"}""");

        AssertRejected(result, RejectionReason.CredentialKindNotAccepted, Result.Rejected.CredentialKindNotAccepted("Slack", "Basic (user name and password)"));
    }

    [Test]
    public async Task No_executor()
    {
        using var host = PassthroughTestHost.Create();

        var result = await host.Client.InvokeFunctionAsync("slack-post-message", new System.Text.Json.Nodes.JsonObject());

        AssertRejected(result, RejectionReason.NoExecutor, Result.Rejected.NoExecutor("slack-post-message"));
    }

    private static void AssertRejected(Result result, RejectionReason reason, Result.Rejected expected)
    {
        Assert.That(result, Is.TypeOf<Result.Rejected>(), () => result.ToJson());
        Assert.That(((Result.Rejected)result).Reason, Is.EqualTo(reason));
        Assert.That(result, Is.EqualTo(expected), () => result.ToJson());
    }
}
