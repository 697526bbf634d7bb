using System.Net;
using System.Text;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

public class ResponseLargerThanTheLimitFailsTests
{
    [Test]
    public async Task A_body_declared_larger_than_max_response_bytes_throws_an_integry_exception_naming_the_limit()
    {
        using var host = PassthroughTestHost.Create(options => options.MaxResponseBytes = 16);
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.list").RespondBytes(HttpStatusCode.OK, "application/json", Encoding.UTF8.GetBytes("""{"files":[1,2,3,4,5]}"""));

        var exception = await Assert.ThrowsAsync<IntegryException>(() => host.InvokeAsync("slack", """{"method":"GET","url":"files.list"}"""));

        Assert.That(exception!.Message, Is.EqualTo("Slack answered GET https://slack.com/api/files.list with more than 16 bytes (PassthroughOptions.MaxResponseBytes)."));
    }

    [Test]
    public async Task A_streamed_body_without_a_length_is_cut_off_once_it_passes_the_limit()
    {
        using var host = PassthroughTestHost.Create(options => options.MaxResponseBytes = 1000);
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.list")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new UnknownLengthContent(new byte[50_000]) });

        var exception = await Assert.ThrowsAsync<IntegryException>(() => host.InvokeAsync("slack", """{"method":"GET","url":"files.list"}"""));

        Assert.That(exception!.Message, Does.Contain("with more than 1000 bytes (PassthroughOptions.MaxResponseBytes)"));
    }

    [Test]
    public async Task The_message_never_shows_a_key_carried_in_the_query()
    {
        using var host = PassthroughTestHost.Create(options =>
        {
            options.MaxResponseBytes = 4;
            options.Apps.Add(ApiKeyGoesInTheQueryTests.QueryKeyApp);
        });
        host.Connect("querykey", new Credential.ApiKey("do-not-show-me"));
        host.Mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").RespondBytes(HttpStatusCode.OK, "text/plain", new byte[64]);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => host.InvokeAsync("querykey", """{"method":"GET","url":"deals"}"""));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("https://api.querykey.example/v1/deals?api_token=***"));
            Assert.That(exception!.ToString(), Does.Not.Contain("do-not-show-me"));
        }
    }

    [Test]
    public async Task A_body_of_exactly_the_limit_is_read()
    {
        using var host = PassthroughTestHost.Create(options => options.MaxResponseBytes = 8);
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/x")
            .Respond(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new UnknownLengthContent(Encoding.UTF8.GetBytes("\"123456\"")) });

        var result = await host.InvokeAsync("slack", """{"method":"GET","url":"x"}""");

        Assert.That(((Result.Executed)result).Output.GetString(), Is.EqualTo("123456"));
    }

    /// <summary>Content that does not know its length, as a chunked response.</summary>
    private sealed class UnknownLengthContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new NonSeekableStream(bytes));

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
