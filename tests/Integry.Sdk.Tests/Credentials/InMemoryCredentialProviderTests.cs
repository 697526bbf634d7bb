using System.Collections.Concurrent;

namespace Integry.Sdk.Tests.Credentials;

public class InMemoryCredentialProviderTests
{
    private static CredentialRequest Request(string user, string app, string? account = null) => new() { UserId = user, App = app, ConnectedAccountId = account };

    private static string? Token(Credential? credential) => (credential as Credential.BearerToken)?.AccessToken;

    [Test]
    public async Task Keeps_several_users_apps_and_accounts_apart()
    {
        var provider = new InMemoryCredentialProvider();
        provider.Connect("alice", "slack", new Credential.BearerToken("alice-slack-1"), "a1");
        provider.Connect("alice", "slack", new Credential.BearerToken("alice-slack-2"), "a2");
        provider.Connect("alice", "github", new Credential.BearerToken("alice-github"), "a3");
        provider.Connect("bob", "slack", new Credential.BearerToken("bob-slack"), "b1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Token(await provider.GetCredentialAsync(Request("alice", "slack"))), Is.EqualTo("alice-slack-1"));
            Assert.That(Token(await provider.GetCredentialAsync(Request("alice", "slack", "a2"))), Is.EqualTo("alice-slack-2"));
            Assert.That(Token(await provider.GetCredentialAsync(Request("alice", "github"))), Is.EqualTo("alice-github"));
            Assert.That(Token(await provider.GetCredentialAsync(Request("bob", "slack"))), Is.EqualTo("bob-slack"));
            Assert.That(await provider.GetCredentialAsync(Request("bob", "slack", "a1")), Is.Null, "an account of another user");
            Assert.That(await provider.GetCredentialAsync(Request("bob", "github")), Is.Null);
            Assert.That(await provider.GetCredentialAsync(Request("carol", "slack")), Is.Null);
        }
    }

    [Test]
    public async Task Connect_without_an_id_assigns_a_new_one_and_stamps_it_on_the_credential()
    {
        var provider = new InMemoryCredentialProvider();

        var first = provider.Connect("alice", "slack", new Credential.BearerToken("t1"));
        var second = provider.Connect("alice", "slack", new Credential.BearerToken("t2"));

        var stored = await provider.GetCredentialAsync(Request("alice", "slack", second));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(stored?.ConnectedAccountId, Is.EqualTo(second));
            Assert.That(Token(stored), Is.EqualTo("t2"));
        }
    }

    [Test]
    public async Task Connect_with_an_existing_id_replaces_that_account_in_place()
    {
        var provider = new InMemoryCredentialProvider();
        provider.Connect("alice", "slack", new Credential.BearerToken("old"), "a1");
        provider.Connect("alice", "slack", new Credential.BearerToken("other"), "a2");

        var id = provider.Connect("alice", "slack", new Credential.BearerToken("new"), "a1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(id, Is.EqualTo("a1"));
            Assert.That(Token(await provider.GetCredentialAsync(Request("alice", "slack", "a1"))), Is.EqualTo("new"));
            Assert.That(Token(await provider.GetCredentialAsync(Request("alice", "slack"))), Is.EqualTo("new"), "a replaced account keeps its place as the first");
        }
    }

    [Test]
    public async Task App_slugs_are_case_insensitive()
    {
        var provider = new InMemoryCredentialProvider();
        provider.Connect("alice", "Slack", new Credential.BearerToken("t"));

        Assert.That(Token(await provider.GetCredentialAsync(Request("alice", "SLACK"))), Is.EqualTo("t"));
    }

    [Test]
    public async Task Disconnect_one_account_keeps_the_others()
    {
        var provider = new InMemoryCredentialProvider();
        provider.Connect("alice", "slack", new Credential.BearerToken("t1"), "a1");
        provider.Connect("alice", "slack", new Credential.BearerToken("t2"), "a2");

        var removed = provider.Disconnect("alice", "slack", "a1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(removed, Is.True);
            Assert.That(await provider.GetCredentialAsync(Request("alice", "slack", "a1")), Is.Null);
            Assert.That(Token(await provider.GetCredentialAsync(Request("alice", "slack"))), Is.EqualTo("t2"));
            Assert.That(provider.Disconnect("alice", "slack", "a1"), Is.False, "nothing left to remove");
        }
    }

    [Test]
    public async Task Disconnect_without_an_id_removes_every_account_of_the_app_only()
    {
        var provider = new InMemoryCredentialProvider();
        provider.Connect("alice", "slack", new Credential.BearerToken("t1"));
        provider.Connect("alice", "slack", new Credential.BearerToken("t2"));
        provider.Connect("alice", "github", new Credential.BearerToken("g"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(provider.Disconnect("alice", "slack"), Is.True);
            Assert.That(await provider.GetCredentialAsync(Request("alice", "slack")), Is.Null);
            Assert.That(Token(await provider.GetCredentialAsync(Request("alice", "github"))), Is.EqualTo("g"));
            Assert.That(provider.Disconnect("nobody", "slack"), Is.False);
        }
    }

    [Test]
    public async Task Concurrent_connects_lose_nothing_and_get_distinct_ids()
    {
        var provider = new InMemoryCredentialProvider();
        var ids = new ConcurrentBag<(string User, string Id)>();

        Parallel.For(0, 2000, i =>
        {
            var user = "user-" + (i % 7);
            ids.Add((user, provider.Connect(user, "slack", new Credential.BearerToken("t" + i))));
        });

        var found = 0;
        foreach (var (user, id) in ids)
        {
            if (await provider.GetCredentialAsync(Request(user, "slack", id)) is { } credential && credential.ConnectedAccountId == id)
            {
                found++;
            }
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ids.Select(entry => entry.Id).Distinct().Count(), Is.EqualTo(2000));
            Assert.That(found, Is.EqualTo(2000));
        }
    }

    [Test]
    public async Task Concurrent_connects_and_disconnects_of_the_same_accounts_stay_consistent()
    {
        var provider = new InMemoryCredentialProvider();

        Parallel.For(0, 1000, i =>
        {
            var id = "acc-" + (i % 10);
            provider.Connect("alice", "slack", new Credential.BearerToken("t" + i), id);
            if (i % 2 == 0)
            {
                provider.Disconnect("alice", "slack", id);
                provider.Connect("alice", "slack", new Credential.BearerToken("again" + i), id);
            }
        });

        var present = 0;
        for (var i = 0; i < 10; i++)
        {
            if (await provider.GetCredentialAsync(Request("alice", "slack", "acc-" + i)) is not null)
            {
                present++;
            }
        }

        Assert.That(present, Is.EqualTo(10), "every account id was connected last by someone");
    }

    [Test]
    public void Bad_arguments_to_connect_are_programming_errors()
    {
        var provider = new InMemoryCredentialProvider();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => provider.Connect(" ", "slack", new Credential.BearerToken("t")), Throws.ArgumentException);
            Assert.That(() => provider.Connect("alice", "", new Credential.BearerToken("t")), Throws.ArgumentException);
            Assert.That(() => provider.Connect("alice", "slack", null!), Throws.ArgumentNullException);
            Assert.That(() => provider.Connect("alice", "slack", new Credential.BearerToken("t"), " "), Throws.ArgumentException);
        }
    }

    [Test]
    public async Task Refresh_without_a_refresher_returns_null_and_with_one_stores_the_new_credential()
    {
        var provider = new InMemoryCredentialProvider();
        provider.Connect("alice", "slack", new Credential.BearerToken("expired"), "a1");
        var request = Request("alice", "slack", "a1");
        var expired = (await provider.GetCredentialAsync(request))!;

        var none = await provider.RefreshCredentialAsync(request, expired);
        provider.Refresh = (_, _, _) => ValueTask.FromResult<Credential?>(new Credential.BearerToken("fresh"));
        var fresh = await provider.RefreshCredentialAsync(request, expired);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(none, Is.Null);
            Assert.That(Token(fresh), Is.EqualTo("fresh"));
            Assert.That(fresh?.ConnectedAccountId, Is.EqualTo("a1"));
            Assert.That(Token(await provider.GetCredentialAsync(request)), Is.EqualTo("fresh"));
        }
    }

    [Test]
    public async Task Refresh_of_the_second_account_replaces_that_account_even_when_the_request_named_none()
    {
        var provider = new InMemoryCredentialProvider();
        provider.Connect("alice", "slack", new Credential.BearerToken("first"), "a1");
        provider.Connect("alice", "slack", new Credential.BearerToken("second-expired"), "a2");
        var expired = (await provider.GetCredentialAsync(Request("alice", "slack", "a2")))!;
        provider.Refresh = (_, _, _) => ValueTask.FromResult<Credential?>(new Credential.BearerToken("second-fresh"));

        var fresh = await provider.RefreshCredentialAsync(Request("alice", "slack", null), expired);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Token(fresh), Is.EqualTo("second-fresh"));
            Assert.That(fresh?.ConnectedAccountId, Is.EqualTo("a2"));
            Assert.That(Token(await provider.GetCredentialAsync(Request("alice", "slack", "a1"))), Is.EqualTo("first"));
        }
    }
}
