using System.Text;
using System.Text.Json;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

public class JsonRequestBodyIsSentByteExactTests
{
    [Test]
    public async Task The_body_goes_out_exactly_as_written_with_big_numbers_escapes_and_spacing()
    {
        const string body = """{ "id": 12345678901234567890, "huge": 1e400, "text": "caf\u00e9 \"quoted\"", "list": [1.10, -0.0] }""";
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://slack.com/api/chat.postMessage")
            .WithHeaders("Content-Type", "application/json; charset=utf-8")
            .WithHeaders("Authorization", "Bearer xoxb-1")
            .RespondCapturing(captured);

        var result = await host.InvokeAsync("slack", """{"method":"POST","url":"chat.postMessage","body":""" + body + "}");

        host.Mock.VerifyNoOutstandingExpectation();
        var request = captured.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(request.Body, Is.EqualTo(Encoding.UTF8.GetBytes(body)));
            Assert.That(request.ContentType, Is.EqualTo("application/json; charset=utf-8"));
        }
    }

    [Test]
    public async Task Big_numbers_survive_the_typed_passthrough_helper_too()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://slack.com/api/chat.postMessage").RespondCapturing(captured);

        await host.Client.PassthroughAsync("slack", PassthroughRequest.Post("chat.postMessage", PassthroughJson.Parse("""{"id":12345678901234567890,"huge":1e400}""")));

        using var sent = JsonDocument.Parse(captured.Single().Body!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sent.RootElement.GetProperty("id").GetRawText(), Is.EqualTo("12345678901234567890"));
            Assert.That(sent.RootElement.GetProperty("huge").GetRawText(), Is.EqualTo("1e400"));
        }
    }

    [Test]
    public async Task A_json_array_body_is_sent_as_is()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Put, "https://slack.com/api/bulk")
            .WithContent("[1,2,3]")
            .WithHeaders("Content-Type", "application/json; charset=utf-8")
            .Respond("application/json", "{}");

        var result = await host.InvokeAsync("slack", """{"method":"PUT","url":"bulk","body":[1,2,3]}""");

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task A_delete_may_carry_a_json_body()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("pipedrive", new Credential.ApiKey("pd-key"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Delete, "https://api.pipedrive.com/v1/persons")
            .WithExactQueryString("")
            .WithHeaders("x-api-token", "pd-key")
            .WithHeaders("Content-Type", "application/json; charset=utf-8")
            .WithContent("""{"ids":[1,2]}""")
            .RespondCapturing(captured, body: """{"success":true}""");

        var result = await host.InvokeAsync("pipedrive", """{"method":"DELETE","url":"v1/persons","body":{"ids":[1,2]}}""");

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(captured.Single().Method, Is.EqualTo(HttpMethod.Delete));
            Assert.That(captured.Single().BodyText, Is.EqualTo("""{"ids":[1,2]}"""));
        }
    }

    [Test]
    public async Task A_null_body_sends_no_content()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://slack.com/api/auth.revoke").RespondCapturing(captured);

        await host.InvokeAsync("slack", """{"method":"post","url":"auth.revoke","body":null}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(captured.Single().Body, Is.Null);
            Assert.That(captured.Single().ContentType, Is.Null);
        }
    }
}
