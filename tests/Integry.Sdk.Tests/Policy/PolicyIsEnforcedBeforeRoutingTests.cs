using System.Text.Json;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Policy;

public class PolicyIsEnforcedBeforeRoutingTests
{
    [Test]
    public async Task A_denied_passthrough_sends_nothing_to_integry_and_names_the_rule()
    {
        using var api = new IntegryApi();
        var client = api.CreateClient().WithPolicy(PolicyTable.Contacts);

        var result = await client.InvokeFunctionAsync("hubspot-passthrough-request", Json("""{"method":"POST","url":"/crm/v3/objects/contacts","body":{}}"""));

        Assert.That(result, Is.TypeOf<Result.Rejected>());
        var rejected = (Result.Rejected)result;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rejected.Error, Is.EqualTo("Could not call the function: the client's policy does not allow it."));
            Assert.That(rejected.Reason, Is.EqualTo(RejectionReason.DeniedByPolicy));
            Assert.That(rejected.ErrorDetails, Is.EqualTo(new[] { "Denied by policy (rule: readOnly). The policy is read-only: POST is not allowed (only GET, HEAD, OPTIONS)." }));
            Assert.That(api.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public async Task A_denied_function_sends_nothing_to_integry()
    {
        using var api = new IntegryApi();
        var client = api.CreateClient().WithPolicy(PolicyTable.Functions);

        var result = await client.InvokeFunctionAsync("hubspot-delete-contact", Json("""{"id":"1"}"""));

        Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Does.StartWith("Denied by policy (rule: functions). 'hubspot-delete-contact' is not one of the policy's allowed functions"));
        Assert.That(api.UnexpectedRequests, Is.Zero);
    }

    [Test]
    public async Task An_allowed_function_goes_to_integry_as_before()
    {
        using var api = new IntegryApi();
        IntegryApi.RespondJson(api.ExpectPost("functions/hubspot-get-contact/call/").WithContent("""{"id":"1"}"""), """{"network_code":"200","output":{"id":"1"}}""");
        var client = api.CreateClient().WithPolicy(PolicyTable.Functions);

        var result = await client.InvokeFunctionAsync("hubspot-get-contact", Json("""{"id":"1"}"""));

        api.Handler.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task A_denied_local_passthrough_never_asks_the_credential_provider()
    {
        var provider = new CountingProvider();
        using var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new InvalidOperationException("nothing may be sent"));
        var executor = new PassthroughExecutor(provider, new PassthroughOptions { Handler = mock, AllowUnguardedHandler = true });
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", Policy = PolicyTable.Contacts, PassthroughExecutor = executor });

        var result = await client.InvokeFunctionAsync("hubspot-passthrough-request", Json("""{"method":"GET","url":"/crm/v3/objects/contacts/../../../settings"}"""));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Is.EqualTo("Denied by policy (rule: pathPrefixes). The path '/crm/settings' is not under the policy's path prefixes (/crm/v3/objects/contacts)."));
            Assert.That(provider.Lookups, Is.Zero, "the policy runs before any credential is read");
            Assert.That(mock.GetMatchCount(mock.Fallback), Is.Zero);
        }
    }

    [Test]
    public async Task An_allowed_local_passthrough_is_sent_with_its_credential()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("hubspot", new Credential.BearerToken("hub-token"));
        host.Mock.Expect(HttpMethod.Get, "https://api.hubapi.com/crm/v3/objects/contacts").WithHeaders("Authorization", "Bearer hub-token").Respond("application/json", """{"results":[]}""");
        var client = host.Client.WithPolicy(PolicyTable.Contacts);

        var result = await client.InvokeFunctionAsync("hubspot-passthrough-request", Json("""{"method":"GET","url":"/crm/v3/objects/contacts"}"""));

        host.Mock.VerifyNoOutstandingExpectation();
        Assert.That(result, Is.TypeOf<Result.Executed>());
    }

    [Test]
    public async Task With_policy_narrows_the_options_policy_and_for_user_keeps_it()
    {
        using var api = new IntegryApi();
        var options = new IntegryClientOptions
        {
            AppKey = IntegryApi.AppKey,
            AppSecret = IntegryApi.AppSecret,
            BaseAddress = new Uri(IntegryApi.Base),
            Policy = new PassthroughPolicy(apps: ["hubspot", "slack"]),
            HttpClient = api.Handler.ToHttpClient(),
        };
        var client = new IntegryClient(options).WithPolicy(PassthroughPolicy.ReadOnlyFor("slack")).ForUser("user-2");

        var hubspot = await client.PassthroughAsync("hubspot", PassthroughRequest.Get("/crm/v3/objects/contacts"));
        var slackWrite = await client.PassthroughAsync("slack", PassthroughRequest.Post("chat.postMessage", Json("{}")));
        var notion = await new IntegryClient(options).ForUser("user-2").PassthroughAsync("notion", PassthroughRequest.Get("/v1/users"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Rejected)hubspot).ErrorDetails.Single(), Does.StartWith("Denied by policy (rule: apps). The hubspot passthrough is not allowed: the policy's apps are slack."));
            Assert.That(((Result.Rejected)slackWrite).ErrorDetails.Single(), Does.StartWith("Denied by policy (rule: readOnly)."));
            Assert.That(((Result.Rejected)notion).ErrorDetails.Single(), Does.StartWith("Denied by policy (rule: apps). The notion passthrough is not allowed: the policy's apps are hubspot, slack."));
            Assert.That(api.UnexpectedRequests, Is.Zero);
        }
    }

    [Test]
    public void With_policy_needs_a_policy()
    {
        using var api = new IntegryApi();

        Assert.Throws<ArgumentNullException>(() => api.CreateClient().WithPolicy(null!));
    }

    private static JsonElement Json(string json) => PassthroughJson.Parse(json);

    /// <summary>Counts lookups, and has nobody connected.</summary>
    internal sealed class CountingProvider : ICredentialProvider
    {
        public int Lookups { get; private set; }

        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default)
        {
            Lookups++;
            return ValueTask.FromResult<Credential?>(null);
        }
    }
}
