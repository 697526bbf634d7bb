using System.Net.Http.Headers;
using System.Text;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough.Typed;

public class FormRawAndMultipartBodiesTests
{
    [Test]
    public async Task Stripe_gets_a_form_encoded_body_with_its_bracketed_names()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("stripe", new Credential.ApiKey("sk_test_1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://api.stripe.com/v1/customers")
            .WithHeaders("Content-Type", "application/x-www-form-urlencoded")
            .RespondCapturing(captured, body: """{"id":"cus_1"}""");

        var result = await host.Client.PassthroughAsync("stripe", PassthroughRequest.Post("v1/customers", PassthroughBody.Form(
        [
            new("email", "ann+1@example.com"),
            new("name", "Ann Lee"),
            new("metadata[order]", "6735"),
        ])));

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(captured.Single().BodyText, Is.EqualTo("email=ann%2B1%40example.com&name=Ann+Lee&metadata%5Border%5D=6735"));
        }
    }

    [Test]
    public async Task Raw_bytes_go_out_as_given_with_their_content_type()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Put, "https://slack.com/api/upload").RespondCapturing(captured);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0xFF];

        await host.Client.PassthroughAsync("slack", PassthroughRequest.Put("upload", PassthroughBody.Bytes(png, "image/png")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(captured.Single().Body, Is.EqualTo(png));
            Assert.That(captured.Single().ContentType, Is.EqualTo("image/png"));
        }
    }

    [Test]
    public void A_raw_body_needs_a_valid_media_type()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.Throws<ArgumentException>(() => PassthroughBody.Bytes([1], "not a type"));
            Assert.Throws<ArgumentException>(() => PassthroughBody.Bytes([1], "text/plain\r\nX-Injected: 1"));
            Assert.Throws<ArgumentException>(() => PassthroughBody.Bytes([1], " "));
        }
    }

    [Test]
    public async Task A_multipart_body_carries_fields_and_files_and_parses_back()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://slack.com/api/files.upload").RespondCapturing(captured);
        var body = PassthroughBody.Multipart(
        [
            PassthroughPart.Field("channels", "C1"),
            PassthroughPart.File("file", "report \"q3\".csv", Encoding.UTF8.GetBytes("a,b\n1,2\n"), "text/csv"),
        ]);

        await host.Client.PassthroughAsync("slack", PassthroughRequest.Post("files.upload", body));

        var request = captured.Single();
        using var content = new ByteArrayContent(request.Body!);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType!);
        var parts = await ReadPartsAsync(content);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.ContentType, Does.StartWith("multipart/form-data; boundary="));
            Assert.That(request.Body, Is.EqualTo(body.Content.ToArray()), "the bytes fixed when the body was built");
            Assert.That(parts, Has.Count.EqualTo(2));
            Assert.That(parts[0], Is.EqualTo(("form-data; name=\"channels\"", (string?)null, "C1")));
            Assert.That(parts[1], Is.EqualTo(("form-data; name=\"file\"; filename=\"report %22q3%22.csv\"", (string?)"text/csv", "a,b\n1,2\n")));
        }
    }

    [Test]
    public async Task A_retried_form_post_resends_the_same_bytes_where_the_app_makes_posts_idempotent()
    {
        using var host = PassthroughTestHost.Create(options => options.RetryBaseDelay = TimeSpan.Zero);
        host.Connect("stripe", new Credential.ApiKey("sk_test_1"));
        var captured = new List<PassthroughCapturedRequest>();
        host.Mock.Expect(HttpMethod.Post, "https://api.stripe.com/v1/refunds").RespondCapturing(captured, System.Net.HttpStatusCode.ServiceUnavailable);
        host.Mock.Expect(HttpMethod.Post, "https://api.stripe.com/v1/refunds").RespondCapturing(captured);

        await host.Client.PassthroughAsync("stripe", PassthroughRequest.Post("v1/refunds", PassthroughBody.Form([new("charge", "ch_1")])));

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(captured.Select(request => request.BodyText), Is.EqualTo(new[] { "charge=ch_1", "charge=ch_1" }));
            Assert.That(captured.Select(request => request.ContentType), Is.All.EqualTo("application/x-www-form-urlencoded"));
        }
    }

    [Test]
    public async Task A_body_over_the_request_limit_is_rejected_and_nothing_is_sent()
    {
        using var host = PassthroughTestHost.Create(options => options.MaxRequestBodyBytes = 4);
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));

        var result = await host.Client.PassthroughAsync("slack", PassthroughRequest.Put("upload", PassthroughBody.Bytes([1, 2, 3, 4, 5], "application/octet-stream")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Rejected>());
            Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Does.Contain("PassthroughOptions.MaxRequestBodyBytes"));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    private static async Task<List<(string Disposition, string? ContentType, string Text)>> ReadPartsAsync(HttpContent content)
    {
        var boundary = content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var text = await content.ReadAsStringAsync();
        var parts = new List<(string, string?, string)>();
        foreach (var raw in text.Split("--" + boundary).Skip(1))
        {
            if (raw.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }

            var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var headers = raw[2..split].Split("\r\n").Select(line => line.Split(": ", 2)).ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
            parts.Add((headers["Content-Disposition"], headers.GetValueOrDefault("Content-Type"), raw[(split + 4)..^2]));
        }

        return parts;
    }
}
