using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary><c>InvokeFunctionOptions.AllowWorkspaceConnectedAccounts</c>: the query flag Integry's Python SDK sends on calls.</summary>
public class WorkspaceAccountsWireTests
{
    [Test]
    public async Task The_flag_is_a_query_parameter_after_the_connected_account()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .WithExactQueryString("connected_account_id=43654&allow_workspace_connected_accounts=true")
            .WithContent("""{"channel":"random"}""")
            .Respond("application/json", """{"network_code":"200","output":{}}""");

        var result = await api.CreateClient().InvokeFunctionAsync(
            "slack-post-message",
            new System.Text.Json.Nodes.JsonObject { ["channel"] = "random" },
            new InvokeFunctionOptions { ConnectedAccountId = "43654", AllowWorkspaceConnectedAccounts = true });

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task Without_the_flag_nothing_is_added()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-post-message/call/")
            .WithExactQueryString(string.Empty)
            .WithContent("{}")
            .Respond("application/json", """{"network_code":"200","output":{}}""");

        await api.CreateClient().InvokeFunctionAsync("slack-post-message", new System.Text.Json.Nodes.JsonObject(), new InvokeFunctionOptions());

        api.Handler.VerifyNoOutstandingExpectation();
    }
}
