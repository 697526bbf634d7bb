using System.Net;
using System.Text;
using System.Text.Json;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>How the onward response's body, status and headers become <see cref="Result.Executed"/>.</summary>
public class ResponseBecomesOutputTests
{
    private static async Task<Result.Executed> GetAsync(HttpStatusCode status, string? contentType, byte[] body, Action<HttpResponseMessage>? configure = null)
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/resource").RespondBytes(status, contentType, body, configure);
        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"resource"}""");
        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
        return (Result.Executed)result;
    }

    [Test]
    public async Task A_json_body_is_kept_byte_for_byte_with_big_numbers()
    {
        const string json = """{ "id": 12345678901234567890, "huge": 1e400, "price": 1.10, "name": "caf\u00e9" }""";

        var result = await GetAsync(HttpStatusCode.OK, "application/json; charset=utf-8", Encoding.UTF8.GetBytes(json));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Output.GetRawText(), Is.EqualTo(json));
            Assert.That(result.ToJson(), Does.Contain("12345678901234567890").And.Contain("1e400").And.Contain("1.10"));
            Assert.That(result.NetworkCode, Is.EqualTo(200));
            Assert.That(result.ContentType, Is.EqualTo("application/json; charset=utf-8"));
        }
    }

    [Test]
    public async Task A_problem_json_body_is_json_too()
    {
        var result = await GetAsync(HttpStatusCode.BadRequest, "application/problem+json", Encoding.UTF8.GetBytes("""{"title":"bad"}"""));

        Assert.That(result.Output.GetProperty("title").GetString(), Is.EqualTo("bad"));
    }

    [Test]
    public async Task A_body_labelled_json_that_is_not_json_becomes_a_string()
    {
        var result = await GetAsync(HttpStatusCode.Conflict, "application/json", Encoding.UTF8.GetBytes("<html>Conflict</html>"));

        Assert.That(result.Output.GetString(), Is.EqualTo("<html>Conflict</html>"));
    }

    [Test]
    public async Task A_plain_text_body_becomes_a_json_string()
    {
        var result = await GetAsync(HttpStatusCode.OK, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("ok: \"done\" ✓\n"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Output.ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(result.Output.GetString(), Is.EqualTo("ok: \"done\" ✓\n"));
        }
    }

    [Test]
    public async Task Text_that_merely_looks_like_json_stays_a_string_when_the_type_says_text()
    {
        var result = await GetAsync(HttpStatusCode.OK, "text/plain", Encoding.UTF8.GetBytes("{\"a\":1}"));

        Assert.That(result.Output.GetString(), Is.EqualTo("{\"a\":1}"));
    }

    [Test]
    public async Task Text_in_iso_8859_1_is_decoded_with_that_charset()
    {
        byte[] latin1 = [0x63, 0x61, 0x66, 0xE9, 0x20, 0xFC, 0x62, 0x65, 0x72]; // "café über"

        var result = await GetAsync(HttpStatusCode.OK, "text/plain; charset=iso-8859-1", latin1);

        Assert.That(result.Output.GetString(), Is.EqualTo("café über"));
    }

    [Test]
    public async Task Text_in_windows_1252_is_decoded_with_that_charset()
    {
        byte[] cp1252 = [0x80, 0x20, 0x96, 0x20, 0x6E, 0x61, 0xEF, 0x76, 0x65, 0x20, 0x93, 0x71, 0x94]; // "€ – naïve “q”"

        var result = await GetAsync(HttpStatusCode.OK, "text/html; charset=windows-1252", cp1252);

        Assert.That(result.Output.GetString(), Is.EqualTo("€ – naïve “q”"));
    }

    [Test]
    public async Task Json_in_a_declared_non_utf8_charset_is_decoded_before_parsing()
    {
        byte[] latin1Json = [0x7B, 0x22, 0x6E, 0x22, 0x3A, 0x22, 0x63, 0x61, 0x66, 0xE9, 0x22, 0x7D]; // {"n":"café"}

        var result = await GetAsync(HttpStatusCode.OK, "application/json; charset=iso-8859-1", latin1Json);

        Assert.That(result.Output.GetProperty("n").GetString(), Is.EqualTo("café"));
    }

    [Test]
    public async Task An_empty_body_is_an_empty_string()
    {
        var result = await GetAsync(HttpStatusCode.OK, "application/json", []);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Output.ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(result.Output.GetString(), Is.Empty);
            Assert.That(result.ToJson(), Is.EqualTo("""{"network_code":"200","output":""}"""));
        }
    }

    [Test]
    public async Task A_204_no_content_is_an_empty_string()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Delete, "https://slack.com/api/item").Respond(_ => new HttpResponseMessage(HttpStatusCode.NoContent));

        var result = (Result.Executed)await host.InvokeAsync("slack", """{"method":"DELETE","url":"item"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.NetworkCode, Is.EqualTo(204));
            Assert.That(result.Output.GetString(), Is.Empty);
        }
    }

    [Test]
    public async Task A_binary_body_is_base64_and_its_content_type_is_kept()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0xFF, 0xFE];

        var result = await GetAsync(HttpStatusCode.OK, "image/png", png);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Output.GetString(), Is.EqualTo(Convert.ToBase64String(png)));
            Assert.That(result.ContentType, Is.EqualTo("image/png"));
        }
    }

    [Test]
    public async Task Bytes_without_a_content_type_that_are_not_utf8_are_base64()
    {
        byte[] bytes = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];

        var result = await GetAsync(HttpStatusCode.OK, null, bytes);

        Assert.That(result.Output.GetString(), Is.EqualTo(Convert.ToBase64String(bytes)));
    }

    [Test]
    public async Task Response_and_content_headers_are_reachable_case_insensitively()
    {
        var result = await GetAsync(HttpStatusCode.OK, "application/json", Encoding.UTF8.GetBytes("{}"), response =>
        {
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "42");
            response.Headers.TryAddWithoutValidation("Link", ["<https://slack.com/api/resource?page=2>; rel=\"next\""]);
            response.Content.Headers.TryAddWithoutValidation("Content-Language", "de");
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Headers["x-ratelimit-remaining"], Is.EqualTo(new[] { "42" }));
            Assert.That(result.Headers["Link"], Is.EqualTo(new[] { "<https://slack.com/api/resource?page=2>; rel=\"next\"" }));
            Assert.That(result.Headers["Content-Language"], Is.EqualTo(new[] { "de" }));
            Assert.That(result.Headers["Content-Type"], Is.EqualTo(new[] { "application/json" }));
        }
    }

    [TestCase(HttpStatusCode.NotFound)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.BadGateway)]
    public async Task An_upstream_error_status_is_still_executed_with_its_network_code_and_body(HttpStatusCode status)
    {
        // One attempt: retries of transient statuses are covered by the fault-injection suite.
        using var host = PassthroughTestHost.Create(options => options.MaxRetries = 0);
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/resource").RespondBytes(status, "application/json", Encoding.UTF8.GetBytes("""{"ok":false,"error":"oops"}"""));

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"resource"}""");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            var executed = (Result.Executed)result;
            Assert.That(executed.NetworkCode, Is.EqualTo((int)status));
            Assert.That(executed.IsSuccessStatusCode, Is.False);
            Assert.That(executed.Output.GetProperty("error").GetString(), Is.EqualTo("oops"));
            Assert.That(host.CallLog.GetRecords().Single().NetworkCode, Is.EqualTo((int)status), "an executed call is logged whatever its status");
        }
    }
}
