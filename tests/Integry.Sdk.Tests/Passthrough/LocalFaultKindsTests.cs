using System.Net;
using System.Text;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>The local executor's faults carry the same <see cref="IntegryErrorKind"/>s as Integry's path.</summary>
public class LocalFaultKindsTests
{
    [Test]
    public async Task A_transport_fault_is_a_transient_transport_exception()
    {
        using var host = PassthroughTestHost.Create(options => options.MaxRetries = 0);
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.list").Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"));

        var exception = await Assert.ThrowsAsync<IntegryException>(() => host.InvokeAsync("slack", """{"method":"GET","url":"files.list"}"""));

        Assert.That(exception!.Kind, Is.EqualTo(IntegryErrorKind.Transport));
        Assert.That(exception.IsTransient, Is.True);
    }

    [Test]
    public async Task A_response_larger_than_the_limit_is_a_protocol_exception_that_is_not_transient()
    {
        using var host = PassthroughTestHost.Create(options => options.MaxResponseBytes = 16);
        host.Connect("slack", new Credential.BearerToken("xoxb-1"));
        host.Mock.Expect(HttpMethod.Get, "https://slack.com/api/files.list").RespondBytes(HttpStatusCode.OK, "application/json", Encoding.UTF8.GetBytes("""{"files":[1,2,3,4,5]}"""));

        var exception = await Assert.ThrowsAsync<IntegryException>(() => host.InvokeAsync("slack", """{"method":"GET","url":"files.list"}"""));

        Assert.That(exception!.Kind, Is.EqualTo(IntegryErrorKind.Protocol));
        Assert.That(exception.IsTransient, Is.False);
    }

    [Test]
    public async Task The_calls_deadline_is_a_transient_timeout_exception()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        using var hanging = new HangingHandler();
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect(PassthroughTestHost.UserId, "slack", new Credential.BearerToken("xoxb-1"));
        var executor = new PassthroughExecutor(credentials, new PassthroughOptions { Timeout = TimeSpan.FromSeconds(5), AttemptTimeout = TimeSpan.FromSeconds(30), MaxRetries = 0, Handler = hanging, AllowUnguardedHandler = true, TimeProvider = time });
        var client = new IntegryClient(new IntegryClientOptions { UserId = PassthroughTestHost.UserId, PassthroughExecutor = executor });

        var call = client.PassthroughAsync("slack", PassthroughRequest.Get("files.list"));
        await hanging.Arrived;
        time.Advance(TimeSpan.FromSeconds(5));

        var exception = await Assert.ThrowsAsync<IntegryException>(() => call);
        Assert.That(exception!.Kind, Is.EqualTo(IntegryErrorKind.Timeout));
        Assert.That(exception.IsTransient, Is.True);
        Assert.That(exception.Message, Does.Contain("PassthroughOptions.Timeout"));
    }
}
