using System.Net;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>
/// The call hands each attempt's request to the caller's handler from its own flow: what a handler sets in that flow
/// (an async-local value, the current span) stays with the attempt, and a handler that returns no task fails the call
/// clearly, once.
/// </summary>
public class HandlersKeepToTheirAttemptTests
{
    private static readonly AsyncLocal<string?> SetByTheHandler = new();

    [Test]
    public async Task What_a_handler_sets_in_the_flow_it_is_called_in_does_not_reach_the_rest_of_the_call()
    {
        // The first answer is a 401, so the provider's refresh runs in the call's flow after the first attempt.
        using var handler = new FlowSettingHandler();
        var provider = new RotatingTokenProvider();
        var executor = new PassthroughExecutor(provider, new PassthroughOptions { Handler = handler, AllowUnguardedHandler = true });
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = executor });

        var result = await client.PassthroughAsync("slack", PassthroughRequest.Get("files.get"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Executed)result).NetworkCode, Is.EqualTo(200));
            Assert.That(handler.Calls, Is.EqualTo(2));
            Assert.That(provider.SeenWhileRefreshing, Is.Null, "the handler's async-local value stayed with its attempt");
            Assert.That(SetByTheHandler.Value, Is.Null);
        }
    }

    [Test]
    public async Task A_handler_that_returns_no_task_fails_the_call_once_with_a_clear_message()
    {
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "slack", new Credential.BearerToken("xoxb-1"));
        using var handler = new NoTaskHandler();
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, new PassthroughOptions { Handler = handler, AllowUnguardedHandler = true }) });

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => client.PassthroughAsync("slack", PassthroughRequest.Get("files.get")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(exception!.Message, Does.Contain("returned no task"));
            Assert.That(handler.Calls, Is.EqualTo(1));
        }
    }

    /// <summary>Sets an async-local value before it returns (not an async method: the value lands in its caller's flow).</summary>
    private sealed class FlowSettingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            SetByTheHandler.Value = "set by the handler";
            var status = request.Headers.Authorization?.Parameter == "xoxb-new" ? HttpStatusCode.OK : HttpStatusCode.Unauthorized;
            return Task.FromResult(new HttpResponseMessage(status) { RequestMessage = request, Content = new StringContent("{}") });
        }
    }

    private sealed class NoTaskHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return null!;
        }
    }

    /// <summary>Hands out "xoxb-old", then "xoxb-new" when the app refuses it; notes the handler's value while it refreshes.</summary>
    private sealed class RotatingTokenProvider : ICredentialProvider
    {
        public string? SeenWhileRefreshing { get; private set; } = "not refreshed";

        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Credential?>(new Credential.BearerToken("xoxb-old"));

        public ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default)
        {
            SeenWhileRefreshing = SetByTheHandler.Value;
            return ValueTask.FromResult<Credential?>(new Credential.BearerToken("xoxb-new"));
        }
    }
}
