using Integry.Sdk.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Policy;

/// <summary>
/// The dry run looks the credential up as the call does, so it ends the way the call would on every answer of the
/// provider: the same rejection (reason, error, details), or the same <see cref="IntegryException"/>; never a secret in
/// any text, never a refresh, nothing sent.
/// </summary>
public class ExplainAgreesWithTheCallOnCredentialsTests
{
    private const string Token = "hub-secret-token-123";
    private const string ProviderSecret = "password=hunter2";
    private const string Function = "hubspot-passthrough-request";
    private const string Url = "crm/v3/objects/contacts";
    private const string Arguments = """{"method":"GET","url":"crm/v3/objects/contacts"}""";

    [Test]
    public async Task An_account_the_user_does_not_have_is_the_calls_account_not_found()
    {
        using var rig = Rig.Create(new Provider { Get = Stored(new Credential.BearerToken(Token) { ConnectedAccountId = "acct-7" }, "acct-7") });
        var options = new InvokeFunctionOptions { ConnectedAccountId = "acct-9" };

        var (plan, call) = await PlanAndCallAsync(rig, options);

        AssertSameRejection(plan, call, RejectionReason.AccountNotFound);
        Assert.That(plan.Rejection!.ErrorDetails.Single(), Is.EqualTo("User has no connected HubSpot account with id 'acct-9'. To connect an account, please call following SDK method: `connectApp('hubspot')`"));
        rig.AssertNothingSent();
    }

    [Test]
    public async Task A_user_without_the_app_is_the_calls_not_connected()
    {
        using var rig = Rig.Create(new Provider { Get = (_, _) => ValueTask.FromResult<Credential?>(null) });

        var (plan, call) = await PlanAndCallAsync(rig);

        AssertSameRejection(plan, call, RejectionReason.NotConnected);
        rig.AssertNothingSent();
    }

    [Test]
    public async Task A_provider_that_says_reconnect_is_the_calls_reconnect_rejection()
    {
        using var rig = Rig.Create(new Provider { Get = (_, _) => throw new ReconnectRequiredException("invalid_grant for refresh_token " + Token) });

        var (plan, call) = await PlanAndCallAsync(rig);

        AssertSameRejection(plan, call, RejectionReason.ReconnectRequired);
        rig.AssertNothingSent();
    }

    [Test]
    public async Task A_provider_that_throws_is_the_calls_IntegryException_naming_only_the_exception_type()
    {
        using var rig = Rig.Create(new Provider { Get = (_, _) => throw new InvalidOperationException("connection string has " + ProviderSecret) });

        var planned = await Assert.ThrowsAsync<IntegryException>(() => rig.Client.ExplainAsync("hubspot", PassthroughRequest.Get(Url)));
        var called = await Assert.ThrowsAsync<IntegryException>(() => rig.Client.InvokeFunctionAsync(Function, PassthroughJson.Parse(Arguments)));

        AssertSameFailure(planned!, called!);
        Assert.That(planned!.Message, Is.EqualTo("The credential provider failed to look up the user's HubSpot credential: InvalidOperationException."));
        Assert.That(planned.InnerException, Is.TypeOf<InvalidOperationException>());
        rig.AssertNothingSent();
    }

    [Test]
    public async Task A_provider_that_never_answers_is_the_calls_timeout_at_the_same_deadline()
    {
        var clock = new FakeTimeProvider();
        var never = new TaskCompletionSource<Credential?>();
        using var rig = Rig.Create(new Provider { Get = (_, _) => new ValueTask<Credential?>(never.Task) }, clock);

        var planning = rig.Client.ExplainAsync("hubspot", PassthroughRequest.Get(Url));
        var calling = rig.Client.InvokeFunctionAsync(Function, PassthroughJson.Parse(Arguments));
        clock.Advance(Rig.Timeout - TimeSpan.FromTicks(1));
        var pendingBeforeTheDeadline = (planning.IsCompleted, calling.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));
        var planned = await Assert.ThrowsAsync<IntegryException>(() => planning);
        var called = await Assert.ThrowsAsync<IntegryException>(() => calling);

        Assert.That(pendingBeforeTheDeadline, Is.EqualTo((false, false)), "both wait for the provider until the deadline");
        AssertSameFailure(planned!, called!);
        Assert.That(planned!.Message, Is.EqualTo("The credential provider did not return the user's HubSpot credential within 10 s (PassthroughOptions.Timeout)."));
        Assert.That(planned.IsTransient, Is.True);
        rig.AssertNothingSent();
    }

    [Test]
    public async Task An_expiring_token_is_planned_as_refreshed_first_without_refreshing_while_the_call_refreshes_it()
    {
        var provider = new InMemoryCredentialProvider();
        provider.Connect(Rig.UserId, "hubspot", new Credential.BearerToken(Token, DateTimeOffset.UnixEpoch), "acct-7");
        var refreshes = 0;
        provider.Refresh = (_, _, _) =>
        {
            Interlocked.Increment(ref refreshes);
            return ValueTask.FromResult<Credential?>(new Credential.BearerToken("hub-fresh-token-456", DateTimeOffset.MaxValue));
        };
        using var rig = Rig.Create(provider);

        var plan = await rig.Client.ExplainAsync("hubspot", PassthroughRequest.Get(Url));
        var refreshesByThePlan = refreshes;
        rig.Mock.Expect(HttpMethod.Get, "https://api.hubapi.com/crm/v3/objects/contacts")
            .WithHeaders("Authorization", "Bearer hub-fresh-token-456")
            .Respond("application/json", """{"results":[]}""");
        var call = await rig.Client.InvokeFunctionAsync(Function, PassthroughJson.Parse(Arguments));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refreshesByThePlan, Is.Zero, "a dry run never refreshes");
            Assert.That(plan.WouldRefreshCredential, Is.True);
            Assert.That(plan.WouldSend, Is.True);
            Assert.That(plan.Headers["Authorization"], Is.EqualTo("Bearer ***"));
            Assert.That(plan.ToString(), Does.Contain("(would be refreshed first)").And.Not.Contain(Token));
            Assert.That(refreshes, Is.EqualTo(1), "the call refreshes before sending");
            Assert.That(call, Is.TypeOf<Result.Executed>());
            rig.Mock.VerifyNoOutstandingExpectation();
            Assert.That(rig.Mock.GetMatchCount(rig.Mock.Fallback), Is.Zero);
        }
    }

    [Test]
    public async Task A_caller_header_where_the_credential_goes_is_the_calls_rejection()
    {
        var app = ApiKeyApp("headerkey", "Header Key Test", CredentialPlacement.Header("X-Api-Key"));
        using var rig = Rig.Create(new Provider { Get = (_, _) => ValueTask.FromResult<Credential?>(new Credential.ApiKey(Token)) }, apps: app);
        var request = PassthroughRequest.Get("items").WithHeader("x-api-key", "caller-own-value");

        var plan = await rig.Client.ExplainAsync(app.Slug, request);
        var call = await rig.Client.PassthroughAsync(app.Slug, request);

        AssertSameRejection(plan, call, RejectionReason.InvalidArguments);
        Assert.That(plan.Rejection!.FieldErrors!["headers"], Is.EqualTo("The header 'x-api-key' cannot be set on a Header Key Test passthrough: the SDK puts the user's credential there."));
        rig.AssertNothingSent();
    }

    [Test]
    public async Task A_body_member_where_the_credential_goes_is_the_calls_rejection_and_the_plan_sends_json()
    {
        var app = ApiKeyApp("bodykey", "Body Key Test", CredentialPlacement.JsonBody("api_key"));
        using var rig = Rig.Create(new Provider { Get = (_, _) => ValueTask.FromResult<Credential?>(new Credential.ApiKey(Token)) }, apps: app);
        var clashing = PassthroughRequest.Post("items", PassthroughJson.Parse("""{"api_key":"caller-own-value","name":"a"}"""));
        var fine = PassthroughRequest.Post("items", PassthroughJson.Parse("""{"name":"a"}"""));

        var plan = await rig.Client.ExplainAsync(app.Slug, clashing);
        var call = await rig.Client.PassthroughAsync(app.Slug, clashing);
        var sendable = await rig.Client.ExplainAsync(app.Slug, fine);

        AssertSameRejection(plan, call, RejectionReason.InvalidArguments);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(plan.Rejection!.FieldErrors!["body"], Is.EqualTo("The body must not carry the 'api_key' member: the SDK puts the user's Body Key Test credential there."));
            Assert.That(sendable.WouldSend, Is.True);
            Assert.That(sendable.Headers["Content-Type"], Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(sendable.CredentialPlacements.Single().ToString(), Is.EqualTo("body member api_key: ***"));
            Assert.That(sendable.ToString(), Does.Not.Contain(Token));
        }

        rig.AssertNothingSent();
    }

    /// <summary>The dry run and then the call of the same GET of HubSpot contacts.</summary>
    private static async Task<(PassthroughPlan Plan, Result Call)> PlanAndCallAsync(Rig rig, InvokeFunctionOptions? options = null) =>
        (await rig.Client.ExplainAsync("hubspot", PassthroughRequest.Get(Url), options), await rig.Client.InvokeFunctionAsync(Function, PassthroughJson.Parse(Arguments), options));

    /// <summary>A test app (<c>NAME-test</c> at <c>api.NAME.test</c>) that takes an API key where <paramref name="placement"/> says.</summary>
    private static AppDefinition ApiKeyApp(string name, string displayName, CredentialPlacement placement) => new()
    {
        Slug = name + "-test",
        DisplayName = displayName,
        Hosts = [$"api.{name}.test"],
        BaseUrl = $"https://api.{name}.test/v1/",
        ApiKeyPlacement = placement,
    };

    private static Func<CredentialRequest, CancellationToken, ValueTask<Credential?>> Stored(Credential credential, string account) =>
        (request, _) => ValueTask.FromResult(request.ConnectedAccountId is null || request.ConnectedAccountId == account ? credential : null);

    private static void AssertSameRejection(PassthroughPlan plan, Result call, RejectionReason reason)
    {
        var planned = plan.Rejection;
        var rejected = call as Result.Rejected;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(planned, Is.Not.Null, "the plan is refused");
            Assert.That(rejected, Is.Not.Null, "the call is refused");
            Assert.That(planned?.Reason, Is.EqualTo(reason));
            Assert.That(rejected?.Reason, Is.EqualTo(reason));
            Assert.That(planned?.Error, Is.EqualTo(rejected?.Error));
            Assert.That(planned?.ErrorDetails, Is.EqualTo(rejected?.ErrorDetails));
            Assert.That(planned?.FieldErrors, Is.EqualTo(rejected?.FieldErrors));
            Assert.That(plan.WouldSend, Is.False);
            Assert.That(planned?.ToJson(), Does.Not.Contain(Token).And.Not.Contain("hunter2"));
            Assert.That(plan.ToString(), Does.Not.Contain(Token).And.Not.Contain("hunter2"));
            Assert.That(call.ToString(), Does.Not.Contain(Token).And.Not.Contain("hunter2"));
        }
    }

    private static void AssertSameFailure(IntegryException planned, IntegryException called)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(planned.Message, Is.EqualTo(called.Message));
            Assert.That(planned.Kind, Is.EqualTo(IntegryErrorKind.CredentialProvider));
            Assert.That(called.Kind, Is.EqualTo(IntegryErrorKind.CredentialProvider));
            Assert.That(planned.IsTransient, Is.EqualTo(called.IsTransient));
            Assert.That(planned.InnerException?.GetType(), Is.EqualTo(called.InnerException?.GetType()));
            Assert.That(planned.Message, Does.Not.Contain("hunter2").And.Not.Contain(Token));
            Assert.That(called.Message, Does.Not.Contain("hunter2").And.Not.Contain(Token));
        }
    }

    private sealed class Provider : ICredentialProvider
    {
        public int Refreshes { get; private set; }

        public required Func<CredentialRequest, CancellationToken, ValueTask<Credential?>> Get { get; init; }

        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default) => Get(request, cancellationToken);

        public ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default)
        {
            Refreshes++;
            return ValueTask.FromResult<Credential?>(null);
        }
    }

    private sealed class Rig : IDisposable
    {
        public const string UserId = "user-1";

        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        private readonly Provider? _provider;

        private Rig(MockHttpMessageHandler mock, IntegryClient client, Provider? provider)
        {
            Mock = mock;
            Client = client;
            _provider = provider;
        }

        public MockHttpMessageHandler Mock { get; }

        public IntegryClient Client { get; }

        public static Rig Create(ICredentialProvider provider, TimeProvider? clock = null, params AppDefinition[] apps)
        {
            var mock = new MockHttpMessageHandler();
            mock.Fallback.Throw(new InvalidOperationException("The test expected no request here."));
            var options = new PassthroughOptions { Timeout = Timeout, Handler = mock, AllowUnguardedHandler = true, TimeProvider = clock };
            foreach (var app in apps)
            {
                options.Apps.Add(app);
            }

            var executor = new PassthroughExecutor(provider, options);
            return new Rig(mock, new IntegryClient(new IntegryClientOptions { UserId = UserId, PassthroughExecutor = executor }), provider as Provider);
        }

        public void AssertNothingSent()
        {
            Assert.That(Mock.GetMatchCount(Mock.Fallback), Is.Zero, "nothing sent");
            Assert.That(_provider?.Refreshes ?? 0, Is.Zero, "nothing refreshed");
        }

        public void Dispose() => Mock.Dispose();
    }
}
