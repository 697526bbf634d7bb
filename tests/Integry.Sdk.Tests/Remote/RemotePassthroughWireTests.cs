using System.Text.Json;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Remote;

/// <summary>Without a local executor, a passthrough runs at Integry as <c>&lt;app&gt;-passthrough-request</c>.</summary>
public class RemotePassthroughWireTests
{
    [Test]
    public async Task Passthrough_without_a_local_executor_calls_the_app_passthrough_function_at_integry()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-passthrough-request/call/")
            .WithExactQueryString(new Dictionary<string, string> { ["connected_account_id"] = "7" })
            .WithJsonBody("""{"method":"POST","url":"https://slack.com/api/chat.postMessage","body":{"channel":"C1","text":"hi"}}""")
            .Respond("application/json", """{"network_code":"200","output":{"ok":true}}""");
        using var body = JsonDocument.Parse("""{"channel":"C1","text":"hi"}""");

        var result = await api.CreateClient().PassthroughAsync("slack", PassthroughRequest.Post("https://slack.com/api/chat.postMessage", body.RootElement), "7");

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task A_get_passthrough_sends_no_body_member()
    {
        using var api = new IntegryApi();
        api.ExpectPost("functions/slack-passthrough-request/call/")
            .WithJsonBody("""{"method":"GET","url":"https://slack.com/api/conversations.list?limit=2"}""")
            .Respond("application/json", """{"network_code":"200","output":{"ok":true}}""");

        await api.CreateClient().PassthroughAsync("slack", PassthroughRequest.Get("https://slack.com/api/conversations.list?limit=2"));

        api.Handler.VerifyNoOutstandingExpectation();
    }
}
