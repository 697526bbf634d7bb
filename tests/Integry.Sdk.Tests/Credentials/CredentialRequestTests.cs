using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Credentials;

public class CredentialRequestTests
{
    [Test]
    public void Holds_user_app_and_account_and_prints_them()
    {
        var request = new CredentialRequest { UserId = "u-1", App = "slack", ConnectedAccountId = "77" };
        var byDefault = new CredentialRequest { UserId = "u-1", App = "slack" };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.UserId, Is.EqualTo("u-1"));
            Assert.That(request.App, Is.EqualTo("slack"));
            Assert.That(request.ConnectedAccountId, Is.EqualTo("77"));
            Assert.That(request.ToString(), Is.EqualTo("u-1 / slack / 77"));
            Assert.That(byDefault.ConnectedAccountId, Is.Null);
            Assert.That(byDefault.ToString(), Is.EqualTo("u-1 / slack / (default account)"));
        }
    }

    [Test]
    public async Task The_executor_asks_the_provider_for_the_callers_user_the_apps_slug_and_the_named_account()
    {
        var provider = new RecordingProvider();
        using var mock = new MockHttpMessageHandler();
        mock.When("*").Respond("application/json", "{}");
        var executor = new PassthroughExecutor(provider, new PassthroughOptions { Handler = mock, AllowUnguardedHandler = true });
        var client = new IntegryClient(new IntegryClientOptions { UserId = "u-9", PassthroughExecutor = executor });

        await client.InvokeFunctionAsync("slack-passthrough-request", PassthroughJson.Parse("""{"method":"GET","url":"auth.test"}"""), connectedAccountId: "acc-3");
        await client.PassthroughAsync("pipedrive", PassthroughRequest.Get("v1/users/me"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(provider.Requests.Select(request => request.ToString()), Is.EqualTo(new[] { "u-9 / slack / acc-3", "u-9 / pipedrive / (default account)" }));
            Assert.That(mock.GetMatchCount(mock.Fallback), Is.Zero);
        }
    }

    private sealed class RecordingProvider : ICredentialProvider
    {
        public List<CredentialRequest> Requests { get; } = [];

        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default)
        {
            Requests.Add(request);
            return ValueTask.FromResult<Credential?>(null);
        }
    }
}
