using System.Net;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>After a 401, the refreshed credential goes only where its own tenant lives, and refreshes stay single-flight
/// even when the provider builds its credentials afresh every time.</summary>
public class RefreshedCredentialIsCheckedAgainTests
{
    [Test]
    public async Task A_refreshed_credential_of_another_tenant_is_not_sent_to_the_first_tenants_host()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("zendesk", new Credential.BearerToken("OLD-alpha") { Metadata = new Dictionary<string, string> { ["subdomain"] = "alpha" } });
        host.Credentials.Refresh = (_, _, _) => ValueTask.FromResult<Credential?>(
            new Credential.BearerToken("NEW-beta") { Metadata = new Dictionary<string, string> { ["subdomain"] = "beta" } });
        host.Mock.Expect(HttpMethod.Get, "https://alpha.zendesk.com/api/v2/tickets")
            .WithHeaders("Authorization", "Bearer OLD-alpha")
            .Respond(HttpStatusCode.Unauthorized);

        var result = await host.InvokeAsync("zendesk", """{"method":"GET","url":"https://alpha.zendesk.com/api/v2/tickets"}""");

        host.Mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Executed)result).NetworkCode, Is.EqualTo(401));
            Assert.That(host.UnexpectedRequests, Is.Zero, "NEW-beta must never reach alpha.zendesk.com");
        }
    }

    [Test]
    public async Task Concurrent_401s_cause_one_refresh_even_when_every_lookup_builds_a_new_credential_object()
    {
        var provider = new FreshObjectsProvider();
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://api.notion.com/v1/users/me")
            .Respond(request => new HttpResponseMessage(request.Headers.Authorization?.Parameter == "new-token" ? HttpStatusCode.OK : HttpStatusCode.Unauthorized)
            {
                Content = new StringContent("{}"),
            });
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(provider, new PassthroughOptions { Handler = mock, AllowUnguardedHandler = true }) });

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.PassthroughAsync("notion", PassthroughRequest.Get("users/me"))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(result => ((Result.Executed)result).NetworkCode), Is.All.EqualTo(200));
            Assert.That(provider.Refreshes, Is.EqualTo(1));
        }
    }

    /// <summary>Reads its "store" afresh on every lookup, as a database-backed provider does: new objects, new dictionaries.</summary>
    private sealed class FreshObjectsProvider : ICredentialProvider
    {
        private volatile string _token = "old-token";
        private int _refreshes;

        public int Refreshes => _refreshes;

        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Credential?>(new Credential.BearerToken(_token) { Metadata = new Dictionary<string, string> { ["workspace"] = "w1" } });

        public async ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _refreshes);
            await Task.Yield();
            _token = "new-token";
            return await GetCredentialAsync(request, cancellationToken);
        }
    }
}
