using System.Net;
using System.Text;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Streaming;

/// <summary>
/// Issue 17, item 2: <see cref="IntegryClient.PassthroughStreamAsync"/> runs the same path as <c>PassthroughAsync</c>
/// (policy, credential, guard, redirects, retries, call log) and hands the final answer's body out as a stream.
/// </summary>
public class StreamedResponsesTests
{
    [Test]
    public async Task The_app_gets_the_credentialed_request_and_the_caller_gets_status_headers_and_the_exact_body()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-stream-1"), "acct-1");
        byte[] file = [0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0x10, 0x80];
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.download")
            .WithExactQueryString("id=F1")
            .WithHeaders("Authorization", "Bearer xoxb-stream-1")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new ByteArrayContent(file) { Headers = { { "Content-Type", "application/pdf" } } },
                Headers = { { "X-Request-Id", "r-1" } },
            });

        await using var streamed = await host.Client.PassthroughStreamAsync("slack", PassthroughRequest.Get("files.download").WithQuery("id", "F1"));
        var body = await ReadAllAsync(streamed.Content);

        host.Mock.VerifyNoOutstandingExpectation();
        var record = host.CallLog.GetRecords().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(streamed.IsRejected, Is.False);
            Assert.That(streamed.StatusCode, Is.EqualTo(200));
            Assert.That(streamed.ContentType, Is.EqualTo("application/pdf"));
            Assert.That(streamed.Headers["X-Request-Id"], Is.EqualTo(new[] { "r-1" }));
            Assert.That(streamed.Attempts, Is.EqualTo(1));
            Assert.That(body, Is.EqualTo(file), "the body is handed out byte for byte, not as base64 in JSON");
            Assert.That(record.NetworkCode, Is.EqualTo(200));
            Assert.That(record.FunctionName, Is.EqualTo("slack-passthrough-request"));
            Assert.That(record.ConnectedAccountId, Is.EqualTo("acct-1"));
            Assert.That(record.Url, Is.EqualTo("https://slack.com/api/files.download?id=F1"));
            Assert.That(streamed.ToString(), Does.Not.Contain("r-1").And.Not.Contain("xoxb"));
        }
    }

    [Test]
    public async Task A_body_over_MaxResponseBytes_streams_where_the_buffered_call_fails()
    {
        using var host = PassthroughTestHost.Create(options => options.MaxResponseBytes = 1024);
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var big = Encoding.ASCII.GetBytes(new string('a', 10_000));
        host.Mock.When(HttpMethod.Get, "https://slack.com/api/export").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(big) });

        var buffered = await Assert.ThrowsAsync<IntegryException>(() => host.Client.PassthroughAsync("slack", PassthroughRequest.Get("export")));
        await using var streamed = await host.Client.PassthroughStreamAsync("slack", PassthroughRequest.Get("export"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(buffered!.Message, Does.Contain("MaxResponseBytes"));
            Assert.That(await ReadAllAsync(streamed.Content), Is.EqualTo(big));
        }
    }

    [Test]
    public async Task A_redirect_within_the_app_is_followed_with_the_credential_before_the_body_starts()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.get")
            .WithHeaders("Authorization", "Bearer xoxb-1")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://slack.com/api/files.get.v2") }, Content = new StringContent("moved") });
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.get.v2")
            .WithHeaders("Authorization", "Bearer xoxb-1")
            .Respond("application/octet-stream", "the file");

        await using var streamed = await host.Client.PassthroughStreamAsync("slack", PassthroughRequest.Get("files.get"));

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(streamed.StatusCode, Is.EqualTo(200));
            Assert.That(streamed.Attempts, Is.EqualTo(2));
            Assert.That(Encoding.UTF8.GetString(await ReadAllAsync(streamed.Content)), Is.EqualTo("the file"));
            Assert.That(host.CallLog.GetRecords().Single().Url, Is.EqualTo("https://slack.com/api/files.get.v2"));
        }
    }

    [Test]
    public async Task A_redirect_to_a_foreign_host_is_streamed_from_there_without_the_credential()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-do-not-leak"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.get")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://files.example/download?sig=abc") } });
        host.Mock.Expect(HttpMethod.Get, "https://files.example/download")
            .With(request => !request.Headers.Contains("Authorization"))
            .Respond("application/octet-stream", "foreign file");

        await using var streamed = await host.Client.PassthroughStreamAsync("slack", PassthroughRequest.Get("files.get"));
        var body = Encoding.UTF8.GetString(await ReadAllAsync(streamed.Content));

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(host.UnexpectedRequests, Is.Zero, "the foreign host is reached only without the credential");
            Assert.That(body, Is.EqualTo("foreign file"));
            Assert.That(host.CallLog.GetRecords().Single().Url, Is.EqualTo("https://files.example/download?sig=***"));
        }
    }

    [Test]
    public async Task A_transient_answer_is_retried_before_the_body_is_handed_out()
    {
        using var host = PassthroughTestHost.Create(options => options.RetryBaseDelay = TimeSpan.Zero);
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/export").Respond(HttpStatusCode.ServiceUnavailable, "text/plain", "busy");
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/export").Respond("text/csv", "a,b\n1,2\n");

        await using var streamed = await host.Client.PassthroughStreamAsync("slack", PassthroughRequest.Get("export"));

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(streamed.StatusCode, Is.EqualTo(200));
            Assert.That(streamed.Attempts, Is.EqualTo(2));
            Assert.That(Encoding.UTF8.GetString(await ReadAllAsync(streamed.Content)), Is.EqualTo("a,b\n1,2\n"));
        }
    }

    [Test]
    public async Task The_last_transient_answer_is_handed_out_as_a_stream_of_its_body()
    {
        using var host = PassthroughTestHost.Create(options => (options.RetryBaseDelay, options.MaxRetries) = (TimeSpan.Zero, 1));
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/export").Respond(HttpStatusCode.ServiceUnavailable, "text/plain", "busy 1");
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/export").Respond(HttpStatusCode.ServiceUnavailable, "text/plain", "busy 2");

        await using var streamed = await host.Client.PassthroughStreamAsync("slack", PassthroughRequest.Get("export"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(streamed.StatusCode, Is.EqualTo(503));
            Assert.That(streamed.Attempts, Is.EqualTo(2));
            Assert.That(streamed.ContentLength, Is.EqualTo(6));
            Assert.That(Encoding.UTF8.GetString(await ReadAllAsync(streamed.Content)), Is.EqualTo("busy 2"));
        }
    }

    [Test]
    public async Task Disposing_the_result_disposes_the_apps_response_whether_or_not_the_body_was_read()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var body = new TrackingStream(new byte[100_000]);
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/export").Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(body) });

        var streamed = await host.Client.PassthroughStreamAsync("slack", PassthroughRequest.Get("export"));
        var firstBytes = await streamed.Content.ReadAsync(new byte[10]);
        var disposedBefore = body.Disposed;
        await streamed.DisposeAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(firstBytes, Is.GreaterThan(0));
            Assert.That(disposedBefore, Is.False, "the body stays open while the caller reads it");
            Assert.That(body.Disposed, Is.True, "disposing the result releases the response (and with it the connection)");
        }
    }

    [Test]
    public async Task A_user_who_has_not_connected_the_app_gets_the_same_rejection_and_nothing_is_sent()
    {
        using var host = PassthroughTestHost.Create();

        await using var streamed = await host.Client.PassthroughStreamAsync("slack", PassthroughRequest.Get("files.download"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(streamed.IsRejected, Is.True);
            Assert.That(streamed.Rejection!.Reason, Is.EqualTo(RejectionReason.NotConnected));
            Assert.That(streamed.Rejection, Is.EqualTo(await host.Client.PassthroughAsync("slack", PassthroughRequest.Get("files.download"))));
            Assert.That(streamed.Content, Is.SameAs(Stream.Null));
            Assert.That(host.UnexpectedRequests, Is.Zero);
            Assert.That(host.CallLog.GetRecords(), Is.Empty, "rejected calls are not recorded");
            Assert.Throws<IntegryRejectedException>(() => streamed.EnsureStreamed());
        }
    }

    [Test]
    public async Task A_policy_that_denies_the_call_rejects_it_before_any_credential_is_read()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        var client = host.Client.WithPolicy(new PassthroughPolicy(apps: ["github"]));

        await using var streamed = await client.PassthroughStreamAsync("slack", PassthroughRequest.Get("files.download"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(streamed.Rejection?.Reason, Is.EqualTo(RejectionReason.DeniedByPolicy));
            Assert.That(host.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task Without_a_local_executor_the_call_is_rejected_and_Integry_is_not_called()
    {
        using var integry = new MockHttpMessageHandler();
        integry.Fallback.Throw(new InvalidOperationException("Nothing may be sent to Integry."));
        var client = new IntegryClient(new IntegryClientOptions { AppKey = "k", AppSecret = "s", UserId = "u", HttpClient = new HttpClient(integry) });

        await using var streamed = await client.PassthroughStreamAsync("slack", PassthroughRequest.Get("files.download"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(streamed.Rejection?.Reason, Is.EqualTo(RejectionReason.NoExecutor));
            Assert.That(streamed.Rejection!.ErrorDetails.Single(), Does.Contain("cannot stream").And.Contain("PassthroughAsync"));
            Assert.That(integry.GetMatchCount(integry.Fallback), Is.Zero);
        }
    }

    [Test]
    public async Task Bad_arguments_throw_before_anything_is_sent()
    {
        using var host = PassthroughTestHost.Create();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.PassthroughStreamAsync(" ", PassthroughRequest.Get("x")));
        await Assert.ThrowsAsync<ArgumentNullException>(() => host.Client.PassthroughStreamAsync("slack", null!));
        Assert.That(host.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task A_test_double_built_with_FromContent_reads_and_disposes_like_the_real_one()
    {
        var content = new TrackingStream(Encoding.UTF8.GetBytes("csv"));
        var streamed = PassthroughStreamResult.FromContent(200, content, contentType: "text/csv");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(streamed.EnsureStreamed(), Is.SameAs(streamed));
            Assert.That(streamed.ContentLength, Is.EqualTo(3));
            Assert.That(Encoding.UTF8.GetString(await ReadAllAsync(streamed.Content)), Is.EqualTo("csv"));
            Assert.That(streamed.ToString(), Is.EqualTo("Streamed { StatusCode = 200, ContentType = text/csv, ContentLength = 3 }"));
        }

        streamed.Dispose();
        Assert.That(content.Disposed, Is.True);
        Assert.Throws<ArgumentOutOfRangeException>(() => PassthroughStreamResult.FromContent(42, Stream.Null));
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>A body that says whether it was disposed.</summary>
    private sealed class TrackingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public bool Disposed { get; private set; }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
