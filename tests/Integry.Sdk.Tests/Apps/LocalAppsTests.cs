using System.Net;
using Integry.Sdk.Tests.TestSupport;

namespace Integry.Sdk.Tests.Apps;

/// <summary>Apps through the local executor: the catalog's apps with the accounts the credential provider holds.</summary>
public class LocalAppsTests
{
    [Test]
    public async Task Get_describes_the_catalog_app_with_the_users_accounts()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-1"), "43654");
        host.Connect("slack", new Credential.BearerToken("xoxb-2"), "43655");

        var app = await host.Client.GetAppAsync("slack");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(app.Name, Is.EqualTo("slack"));
            Assert.That(app.Title, Is.EqualTo("Slack"));
            Assert.That(long.TryParse(app.Id, out _), Is.True, "a numeric id, as Integry's");
            Assert.That(app.IconUrl, Is.Empty);
            Assert.That(app.ConnectedAccounts.Select(account => account.Id), Is.EqualTo(new[] { "43654", "43655" }));
            Assert.That(app.ToString(), Does.Not.Contain("xoxb"));
        }

        Assert.That(host.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task List_gives_every_catalog_app_and_connected_only_the_connected_ones()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("pipedrive", new Credential.ApiKey("k"));

        var all = await host.Client.ListAppsAsync();
        var connected = await host.Client.ListAppsAsync(new ListAppsOptions { ConnectedOnly = true });

        Assert.That(all.Select(app => app.Name), Is.EqualTo(host.Executor.Catalog.Apps.Select(app => app.Slug)));
        Assert.That(connected.Select(app => app.Name), Is.EqualTo(new[] { "pipedrive" }));
    }

    [Test]
    public async Task An_unknown_app_is_not_found_with_integrys_404_and_is_not_connected()
    {
        using var host = PassthroughTestHost.Create();

        var exception = await Assert.ThrowsAsync<IntegryNotFoundException>(() => host.Client.GetAppAsync("nosuchapp"));

        Assert.That(exception!.Message, Is.EqualTo("Integry has no app 'nosuchapp': App not found."));
        Assert.That(exception.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(exception.ResponseBody, Is.EqualTo("""{"detail":"App not found"}"""));
        Assert.That(await host.Client.IsAppConnectedAsync("nosuchapp"), Is.False);
    }

    [Test]
    public async Task Is_connected_follows_the_provider()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("t"));

        Assert.That(await host.Client.IsAppConnectedAsync("slack"), Is.True);
        Assert.That(await host.Client.IsAppConnectedAsync("SLACK"), Is.True);
        Assert.That(await host.Client.IsAppConnectedAsync("notion"), Is.False);
        Assert.That(await host.Client.ForUser("someone-else").IsAppConnectedAsync("slack"), Is.False);
    }

    [Test]
    public async Task A_provider_that_cannot_list_is_asked_for_the_credential_instead()
    {
        var provider = new LookupOnlyProvider();
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(provider) });

        var slack = await client.GetAppAsync("slack");
        var notion = await client.GetAppAsync("notion");

        Assert.That(slack.ConnectedAccounts.Select(account => account.Id), Is.EqualTo(new[] { "acct-9" }));
        Assert.That(notion.IsConnected, Is.False);
        Assert.That(await client.IsAppConnectedAsync("slack"), Is.True);
    }

    [Test]
    public async Task A_failing_provider_is_an_integry_exception_that_names_no_secret()
    {
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(new FailingProvider()) });

        var exception = await Assert.ThrowsAsync<IntegryException>(() => client.GetAppAsync("slack"));

        Assert.That(exception!.Message, Does.Contain("credential provider failed").And.Not.Contain("hunter2"));
    }

    private sealed class LookupOnlyProvider : ICredentialProvider
    {
        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Credential?>(request.App == "slack" ? new Credential.BearerToken("t") { ConnectedAccountId = "acct-9" } : null);
    }

    private sealed class FailingProvider : ICredentialProvider
    {
        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("db password hunter2 rejected");

        public ValueTask<IReadOnlyList<ConnectedAccount>?> ListConnectedAccountsAsync(ConnectedAccountsRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("db password hunter2 rejected");
    }
}
