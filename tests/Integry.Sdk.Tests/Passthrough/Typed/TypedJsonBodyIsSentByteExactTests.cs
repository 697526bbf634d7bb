using System.Text;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough.Typed;

/// <summary>Issue 12, item 6: <c>PassthroughRequest.Post(url, body)</c> sends the body's own bytes on both paths, as <c>InvokeFunctionAsync</c> with a <c>JsonElement</c> does.</summary>
public class TypedJsonBodyIsSentByteExactTests
{
    private const string Body = """{"n": 123456789012345678901234567890, "s": "\u00e9 \/"}""";

    [Test]
    public async Task The_local_executor_sends_exactly_the_bytes_written()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://slack.com/api/chat.postMessage").RespondCapturing(captured);

        var result = await host.Client.PassthroughAsync("slack", PassthroughRequest.Post("chat.postMessage", PassthroughJson.Parse(Body)));

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(captured.Single().BodyText, Is.EqualTo(Body));
            Assert.That(captured.Single().ContentType, Is.EqualTo("application/json; charset=utf-8"));
        }
    }

    [Test]
    public async Task A_body_given_as_json_text_is_sent_as_that_text()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://slack.com/api/chat.postMessage").RespondCapturing(captured);

        await host.Client.PassthroughAsync("slack", PassthroughRequest.Post("chat.postMessage", PassthroughBody.Json(Body)));

        Assert.That(captured.Single().Body, Is.EqualTo(Encoding.UTF8.GetBytes(Body)));
    }

    [Test]
    public async Task Integry_receives_the_body_member_exactly_as_written()
    {
        using var api = new IntegryApi();
        string? sent = null;
        api.ExpectPost("functions/slack-passthrough-request/call/")
            .Respond(async request =>
            {
                sent = await request.Content!.ReadAsStringAsync();
                return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = IntegryApi.Json("""{"network_code":"200","output":{"ok":true}}""") };
            });

        await api.CreateClient().PassthroughAsync("slack", PassthroughRequest.Post("https://slack.com/api/chat.postMessage", PassthroughJson.Parse(Body)));

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(sent, Does.Contain("\"body\":" + Body));
    }

    [Test]
    public void A_json_body_must_be_an_object_or_an_array()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ArgumentException>(() => PassthroughBody.Json(PassthroughJson.Parse("42")));
            Assert.Throws<ArgumentException>(() => PassthroughBody.Json("\"text\""));
            Assert.Throws<ArgumentException>(() => PassthroughBody.Json("{\"a\":"));
        }
    }
}
