using System.Net;
using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>Integry's rejections come back with the same <see cref="RejectionReason"/> the local executor gives for the same case.</summary>
public class RemoteRejectionReasonsTests
{
    private const string InvalidInput = "Could not call the function due to invalid input. Please see `error_details` for further information.";

    [TestCase("""["User has not connected their Slack account. To connect an account, please call following SDK method: `connectApp('slack')`"]""", RejectionReason.NotConnected)]
    [TestCase("""["The user's Slack authorization has expired and could not be refreshed. Ask the user to reconnect their account: `connectApp('slack')`"]""", RejectionReason.ReconnectRequired)]
    [TestCase("""["Please reconnect your Slack account."]""", RejectionReason.ReconnectRequired)]
    [TestCase("""{"channel":"This parameter is required and must not be null or empty"}""", RejectionReason.InvalidArguments)]
    [TestCase("""["User has no connected Slack account with id '99'. To connect an account, please call following SDK method: `connectApp('slack')`"]""", RejectionReason.AccountNotFound)]
    [TestCase("""["Something Integry has not documented."]""", RejectionReason.Other)]
    public async Task A_400_rejection_gets_its_reason_from_integrys_texts(string details, RejectionReason reason)
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/").Respond(HttpStatusCode.BadRequest, "application/json", $$"""{"error":"{{InvalidInput}}","error_details":{{details}}}""");

        var result = await api.CreateClient().InvokeFunctionAsync("slack-post-message", new JsonObject());

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Rejected>());
        Assert.That(((Result.Rejected)result).Reason, Is.EqualTo(reason));
    }

    [Test]
    public async Task Integrys_404_function_not_found_is_the_function_not_found_rejection()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/nope/call/").Respond(HttpStatusCode.NotFound, "application/json", """{"detail":"Function not found"}""");

        var result = await api.CreateClient().InvokeFunctionAsync("nope", new JsonObject());

        Assert.That(result, Is.EqualTo(Result.Rejected.FunctionNotFound("nope")));
        Assert.That(((Result.Rejected)result).Reason, Is.EqualTo(RejectionReason.FunctionNotFound));
    }

    [Test]
    public async Task The_local_and_the_remote_not_connected_rejections_are_equal_and_have_the_same_reason()
    {
        using var host = PassthroughTestHost.Create();
        var local = (Result.Rejected)await host.InvokeAsync("slack", """{"method":"GET","url":"https://slack.com/api/auth.test"}""");
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-passthrough-request/call/").Respond(HttpStatusCode.BadRequest, "application/json", local.ToJson());

        var remote = (Result.Rejected)await api.CreateClient().PassthroughAsync("slack", PassthroughRequest.Get("https://slack.com/api/auth.test"));

        Assert.That(remote, Is.EqualTo(local));
        Assert.That(remote.Reason, Is.EqualTo(local.Reason).And.EqualTo(RejectionReason.NotConnected));
    }
}
