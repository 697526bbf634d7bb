using System.Text.Json.Nodes;
using Integry.Sdk.Tests.TestSupport;

namespace Integry.Sdk.Tests.Policy;

public class ExplainPlansWithoutSendingTests
{
    private const string Token = "hub-secret-token-123";

    [Test]
    public async Task A_local_get_is_planned_with_its_url_redacted_credential_headers_and_retries()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("hubspot", new Credential.BearerToken(Token), "acct-7");
        var client = host.Client.WithPolicy(PolicyTable.Contacts);

        var plan = await client.ExplainAsync("hubspot", PassthroughRequest.Get("crm/v3/objects/contacts?limit=10"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.App, Is.EqualTo("hubspot"));
            Assert.That(plan.FunctionName, Is.EqualTo("hubspot-passthrough-request"));
            Assert.That(plan.UserId, Is.EqualTo(PassthroughTestHost.UserId));
            Assert.That(plan.ConnectedAccountId, Is.EqualTo("acct-7"));
            Assert.That(plan.RunsLocally, Is.True);
            Assert.That(plan.Method, Is.EqualTo("GET"));
            Assert.That(plan.Url, Is.EqualTo("https://api.hubapi.com/crm/v3/objects/contacts?limit=10"));
            Assert.That(plan.CredentialKind, Is.EqualTo("BearerToken"));
            Assert.That(plan.CredentialPlacements.Single().ToString(), Is.EqualTo("header Authorization: Bearer ***"));
            Assert.That(plan.Headers["Authorization"], Is.EqualTo("Bearer ***"));
            Assert.That(plan.Headers["User-Agent"], Does.StartWith("Integry.Sdk/"));
            Assert.That(plan.Policy.IsAllowed, Is.True);
            Assert.That(plan.WouldRetry, Is.True);
            Assert.That(plan.MaxRetries, Is.EqualTo(new PassthroughOptions().MaxRetries));
            Assert.That(plan.WouldSend, Is.True);
            Assert.That(plan.ToString(), Does.Not.Contain(Token));
            Assert.That(host.UnexpectedRequests, Is.Zero, "nothing is sent");
        }
    }

    [Test]
    public async Task A_typed_requests_own_headers_are_planned_as_the_call_sets_them_last()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("notion", new Credential.BearerToken(Token), "acct-7");
        var request = PassthroughRequest.Get("users/me")
            .WithHeader("Notion-Version", "2025-09-03")
            .WithHeader("X-Trace", "a")
            .WithHeader("X-Trace", "b")
            .WithHeader("X-Copied", "was " + Token)
            .WithHeader("Content-Language", "en");

        var plan = await host.Client.ExplainAsync("notion", request);
        var withBody = await host.Client.ExplainAsync("notion", PassthroughRequest.Post("pages", PassthroughJson.Parse("{}")).WithHeader("Content-Language", "en"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Headers["Notion-Version"], Is.EqualTo("2025-09-03"), "replaces the app's default");
            Assert.That(plan.Headers["X-Trace"], Is.EqualTo("a, b"), "a repeated name adds a value");
            Assert.That(plan.Headers["X-Copied"], Is.EqualTo("was ***"), "the credential is masked wherever it is quoted");
            Assert.That(plan.Headers.ContainsKey("Content-Language"), Is.False, "a content header without a body is not sent");
            Assert.That(withBody.Headers["Content-Language"], Is.EqualTo("en"), "with a body it is");
            Assert.That(plan.Headers["Authorization"], Is.EqualTo("Bearer ***"));
            Assert.That(plan.ToString(), Does.Not.Contain(Token));
            Assert.That(host.UnexpectedRequests, Is.Zero, "nothing is sent");
        }
    }

    [Test]
    public async Task A_denied_plan_reads_no_credential_and_carries_the_rejection()
    {
        var provider = new PolicyIsEnforcedBeforeRoutingTests.CountingProvider();
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(provider) }).WithPolicy(PolicyTable.Contacts);

        var plan = await client.ExplainAsync("hubspot", PassthroughRequest.Post("/crm/v3/objects/contacts", PassthroughJson.Parse("{}")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Policy.Rule, Is.EqualTo(PolicyRule.ReadOnly));
            Assert.That(plan.WouldSend, Is.False);
            Assert.That(plan.Rejection!.ErrorDetails.Single(), Does.StartWith("Denied by policy (rule: readOnly)."));
            Assert.That(plan.CredentialKind, Is.Null);
            Assert.That(provider.Lookups, Is.Zero);
        }
    }

    [Test]
    public async Task A_post_is_not_retried_and_its_body_content_type_is_shown()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("hubspot", new Credential.BearerToken(Token));

        var plan = await host.Client.ExplainAsync("hubspot", PassthroughRequest.Post("/crm/v3/objects/contacts", PassthroughJson.Parse("""{"properties":{}}""")));

        Assert.That(plan.WouldRetry, Is.False);
        Assert.That(plan.MaxRetries, Is.Zero);
        Assert.That(plan.Headers["Content-Type"], Is.EqualTo("application/json; charset=utf-8"));
    }

    [Test]
    public async Task A_query_api_key_is_masked_in_the_url_and_the_placement()
    {
        using var host = PassthroughTestHost.Create(options => options.Apps.Add(new AppDefinition
        {
            Slug = "pipedrive-test",
            DisplayName = "Pipedrive Test",
            Hosts = ["api.pipedrive.test"],
            BaseUrl = "https://api.pipedrive.test/v1/",
            ApiKeyPlacement = CredentialPlacement.Query("api_token"),
        }));
        host.Connect("pipedrive-test", new Credential.ApiKey("pd-key-987654"));

        var plan = await host.Client.ExplainAsync("pipedrive-test", PassthroughRequest.Get("deals?limit=1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Url, Is.EqualTo("https://api.pipedrive.test/v1/deals?limit=1&api_token=***"));
            Assert.That(plan.CredentialPlacements.Single().ToString(), Is.EqualTo("query api_token=***"));
            Assert.That(plan.ToString(), Does.Not.Contain("pd-key-987654"));
        }
    }

    [Test]
    public async Task A_user_who_has_not_connected_the_app_gets_the_rejection_the_call_would_get()
    {
        using var host = PassthroughTestHost.Create();

        var plan = await host.Client.ExplainAsync("hubspot", PassthroughRequest.Get("/crm/v3/objects/contacts"));

        Assert.That(plan.WouldSend, Is.False);
        Assert.That(plan.Rejection!.ErrorDetails.Single(), Does.StartWith("User has not connected their HubSpot account."));
    }

    [Test]
    public async Task Variables_are_applied_to_the_planned_url_as_the_call_applies_them()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("hubspot", new Credential.BearerToken(Token));
        var request = PassthroughRequest.Get("crm/v3/objects/contacts/{id}");

        var plan = await host.Client.ExplainAsync("hubspot", request, new InvokeFunctionOptions { Variables = new JsonObject { ["id"] = "42 7" } });
        var refused = await host.Client.ExplainAsync("hubspot", request, new InvokeFunctionOptions { Variables = new JsonObject { ["id"] = ".." } });
        var call = await host.Client.PassthroughAsync("hubspot", request, new InvokeFunctionOptions { Variables = new JsonObject { ["id"] = ".." } });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Url, Is.EqualTo("https://api.hubapi.com/crm/v3/objects/contacts/42%207"));
            Assert.That(plan.WouldSend, Is.True);
            Assert.That(refused.Rejection, Is.EqualTo(call).And.Not.Null);
            Assert.That(refused.Rejection?.Reason, Is.EqualTo(RejectionReason.InvalidArguments));
            Assert.That(host.UnexpectedRequests, Is.Zero, "nothing is sent");
        }
    }

    [Test]
    public async Task A_url_outside_the_app_is_planned_as_rejected()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("hubspot", new Credential.BearerToken(Token));

        var plan = await host.Client.ExplainAsync("hubspot", PassthroughRequest.Get("https://evil.example/steal"));

        Assert.That(plan.WouldSend, Is.False);
        Assert.That(plan.Rejection!.FieldErrors!["url"], Does.Contain("is not one of HubSpot's hosts"));
    }

    [Test]
    public async Task Without_a_local_executor_the_plan_says_integry_runs_it_and_gives_the_policy_decision()
    {
        using var api = new IntegryApi();
        var client = api.CreateClient().WithPolicy(PolicyTable.Contacts);

        var allowed = await client.ExplainAsync("hubspot", PassthroughRequest.Get("crm/v3/objects/contacts"));
        var denied = await client.ExplainAsync("hubspot", PassthroughRequest.Get("/crm/v3/objects/contacts/%2e%2e/%2e%2e/settings"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(allowed.RunsLocally, Is.False);
            Assert.That(allowed.Url, Is.EqualTo("https://api.hubapi.com/crm/v3/objects/contacts"));
            Assert.That(allowed.WouldSend, Is.True);
            Assert.That(allowed.Headers, Is.Empty);
            Assert.That(denied.Policy.Rule, Is.EqualTo(PolicyRule.CanonicalPath));
            Assert.That(api.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task Bad_input_throws_before_anything_happens()
    {
        using var api = new IntegryApi();
        var client = api.CreateClient();

        await Assert.ThrowsAsync<ArgumentException>(() => client.ExplainAsync(" ", PassthroughRequest.Get("/x")));
        await Assert.ThrowsAsync<ArgumentNullException>(() => client.ExplainAsync("hubspot", null!));
    }
}
