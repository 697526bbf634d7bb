using Integry.Sdk.Passthrough;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Credentials;

/// <summary>
/// A provider that throws, hangs, answers a credential of the wrong kind, or says the user must reconnect: the caller
/// gets a clear <see cref="IntegryException"/> or a rejection, never the store's own exception, never a hang, and the
/// app is never called.
/// </summary>
public class ProviderFaultsTests
{
    private const string Timeout = "10";

    [Test]
    public async Task A_lookup_that_throws_is_an_IntegryException_that_names_the_provider()
    {
        using var rig = Rig.Create(new FaultyProvider { Get = (_, _) => throw new InvalidOperationException("connection string has password=hunter2") });

        var failure = await Assert.ThrowsAsync<IntegryException>(() => rig.CallAsync());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Message, Is.EqualTo("The credential provider failed to look up the user's Slack credential: InvalidOperationException."));
            Assert.That(failure.InnerException, Is.TypeOf<InvalidOperationException>());
            Assert.That(failure.Kind, Is.EqualTo(IntegryErrorKind.CredentialProvider));
            Assert.That(rig.Mock.GetMatchCount(rig.Mock.Fallback), Is.Zero, "nothing sent");
        }
    }

    [Test]
    public async Task A_lookup_that_ignores_the_deadline_ends_at_the_deadline()
    {
        var clock = new FakeTimeProvider();
        var never = new TaskCompletionSource<Credential?>();
        using var rig = Rig.Create(new FaultyProvider { Get = (_, _) => new ValueTask<Credential?>(never.Task) }, clock);

        var call = rig.CallAsync();
        Assert.That(call.IsCompleted, Is.False);
        clock.Advance(TimeSpan.FromSeconds(10));
        var failure = await Assert.ThrowsAsync<IntegryException>(() => call);

        Assert.That(failure!.Message, Is.EqualTo($"The credential provider did not return the user's Slack credential within {Timeout} s (PassthroughOptions.Timeout)."));
        Assert.That(failure.Kind, Is.EqualTo(IntegryErrorKind.CredentialProvider));
    }

    [Test]
    public async Task A_credential_of_a_kind_the_app_does_not_take_is_rejected()
    {
        using var rig = Rig.Create(new FaultyProvider { Get = (_, _) => ValueTask.FromResult<Credential?>(new Credential.Basic("user", "pw-hunter2")) });

        var result = await rig.CallAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Rejected>());
            Assert.That(((Result.Rejected)result).Reason, Is.EqualTo(RejectionReason.CredentialKindNotAccepted));
            Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Does.StartWith("Slack does not accept"));
            Assert.That(result.ToString(), Does.Not.Contain("hunter2"));
            Assert.That(rig.Mock.GetMatchCount(rig.Mock.Fallback), Is.Zero, "nothing sent");
        }
    }

    [Test]
    public async Task A_lookup_that_says_reconnect_is_a_reconnect_rejection()
    {
        using var rig = Rig.Create(new FaultyProvider { Get = (_, _) => throw new ReconnectRequiredException() });

        var result = await rig.CallAsync();

        Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Is.EqualTo("The user's Slack authorization has expired and could not be refreshed. Ask the user to reconnect their account: `connectApp('slack')`"));
        Assert.That(((Result.Rejected)result).Reason, Is.EqualTo(RejectionReason.ReconnectRequired));
    }

    [Test]
    public async Task A_refresh_after_a_401_that_says_reconnect_is_a_reconnect_rejection_without_a_second_request()
    {
        using var rig = Rig.Create(new FaultyProvider
        {
            Get = (_, _) => ValueTask.FromResult<Credential?>(new Credential.BearerToken("xoxb-revoked") { ConnectedAccountId = "a1" }),
            Refresh = (_, _, _) => throw new ReconnectRequiredException("invalid_grant"),
        });
        rig.Mock.Expect(HttpMethod.Get, "https://slack.com/api/auth.test").WithHeaders("Authorization", "Bearer xoxb-revoked").Respond(System.Net.HttpStatusCode.Unauthorized);

        var result = await rig.CallAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Rejected)result).ErrorDetails.Single(), Does.StartWith("The user's Slack authorization has expired and could not be refreshed."));
            Assert.That(((Result.Rejected)result).Reason, Is.EqualTo(RejectionReason.ReconnectRequired));
            rig.Mock.VerifyNoOutstandingExpectation();
            Assert.That(rig.Mock.GetMatchCount(rig.Mock.Fallback), Is.Zero);
        }
    }

    [Test]
    public async Task The_single_flight_refresher_keeps_nothing_once_a_refresh_is_done()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refreshes = 0;
        var provider = new FaultyProvider
        {
            Refresh = async (_, _, _) =>
            {
                Interlocked.Increment(ref refreshes);
                await gate.Task;
                return new Credential.BearerToken("fresh");
            },
        };
        var refresher = new CredentialRefresher(provider, TimeSpan.FromSeconds(10), TimeProvider.System);
        var request = new CredentialRequest { UserId = "u", App = "slack", ConnectedAccountId = "a1" };
        var stale = new Credential.BearerToken("stale") { ConnectedAccountId = "a1" };

        var waiting = Enumerable.Range(0, 20).Select(_ => refresher.RefreshAsync(request, stale, CancellationToken.None)).ToArray();
        var inFlight = refresher.InFlight;
        gate.SetResult();
        var answers = await Task.WhenAll(waiting);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refreshes, Is.EqualTo(1), "one refresh for every holder of the stale credential");
            Assert.That(inFlight, Is.EqualTo(1));
            Assert.That(refresher.InFlight, Is.Zero, "no stale or refreshed secret kept after the flight");
            Assert.That(answers, Is.All.EqualTo(new Credential.BearerToken("fresh")));
        }
    }

    [Test]
    public async Task Two_executors_over_one_in_memory_provider_refresh_an_expired_token_once()
    {
        var provider = new InMemoryCredentialProvider();
        provider.Connect("user-1", "slack", new Credential.BearerToken("xoxb-old", DateTimeOffset.UnixEpoch), "a1");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refreshes = 0;
        provider.Refresh = async (_, _, _) =>
        {
            Interlocked.Increment(ref refreshes);
            await gate.Task;
            return new Credential.BearerToken("xoxb-new", DateTimeOffset.MaxValue);
        };
        using var one = Rig.Create(provider);
        using var two = Rig.Create(provider);
        foreach (var rig in new[] { one, two })
        {
            rig.Mock.When(HttpMethod.Get, "https://slack.com/api/auth.test").WithHeaders("Authorization", "Bearer xoxb-new").Respond("application/json", """{"ok":true}""");
        }

        var calls = Enumerable.Range(0, 10).SelectMany(_ => new[] { one.CallAsync(), two.CallAsync() }).ToArray();
        gate.SetResult();
        var results = await Task.WhenAll(calls);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refreshes, Is.EqualTo(1));
            Assert.That(results.Select(r => (r as Result.Executed)?.NetworkCode), Is.All.EqualTo(200));
        }
    }

    private sealed class FaultyProvider : ICredentialProvider
    {
        public Func<CredentialRequest, CancellationToken, ValueTask<Credential?>> Get { get; init; } =
            (_, _) => ValueTask.FromResult<Credential?>(new Credential.BearerToken("xoxb-1") { ConnectedAccountId = "a1" });

        public Func<CredentialRequest, Credential, CancellationToken, ValueTask<Credential?>> Refresh { get; init; } =
            (_, _, _) => ValueTask.FromResult<Credential?>(null);

        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default) => Get(request, cancellationToken);

        public ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default) =>
            Refresh(request, stale, cancellationToken);
    }

    private sealed class Rig : IDisposable
    {
        private Rig(MockHttpMessageHandler mock, IntegryClient client)
        {
            Mock = mock;
            Client = client;
        }

        public MockHttpMessageHandler Mock { get; }

        public IntegryClient Client { get; }

        public static Rig Create(ICredentialProvider provider, TimeProvider? clock = null)
        {
            var mock = new MockHttpMessageHandler();
            var executor = new PassthroughExecutor(provider, new PassthroughOptions { Timeout = TimeSpan.FromSeconds(10), Handler = mock, TimeProvider = clock });
            return new Rig(mock, new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = executor }));
        }

        public Task<Result> CallAsync() => Client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));

        public void Dispose() => Mock.Dispose();
    }
}
