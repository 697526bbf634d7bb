using System.Buffers;
using System.Net;
using Integry.Sdk.Passthrough;
using Integry.Sdk.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Trust;

/// <summary>Issue 12, class 10 (resources): every answer the pipeline drops (retried, redirected, 401-replaced) gives its pooled buffer back.</summary>
public class DroppedAnswersReturnTheirBuffersTests
{
    [Test]
    public async Task Retried_answers_return_their_buffers()
    {
        using var host = PassthroughTestHost.Create(options => options.RetryBaseDelay = TimeSpan.Zero);
        host.Connect("slack", new Credential.BearerToken("xoxb-pool-123456"));
        host.Mock.Expect("https://slack.com/api/a").Respond(HttpStatusCode.ServiceUnavailable, "application/json", """{"busy":1}""");
        host.Mock.Expect("https://slack.com/api/a").Respond(HttpStatusCode.BadGateway, "application/json", """{"busy":2}""");
        host.Mock.Expect("https://slack.com/api/a").Respond("application/json", """{"ok":true}""");

        var (result, pool) = await WithCountingPool(() => host.InvokeAsync("slack", """{"method":"GET","url":"a"}"""));

        Assert.That(((Result.Executed)result).Attempts, Is.EqualTo(3));
        AssertAllReturned(pool, expectedRentals: 3);
    }

    [Test]
    public async Task Redirect_answers_return_their_buffers()
    {
        using var host = PassthroughTestHost.Create();
        host.Connect("slack", new Credential.BearerToken("xoxb-pool-123456"));
        host.Mock.Expect("https://slack.com/api/a").Respond(_ => Redirect("https://slack.com/api/b"));
        host.Mock.Expect("https://slack.com/api/b").Respond(_ => Redirect("https://files.slack.com/c"));
        host.Mock.Expect("https://files.slack.com/c").Respond("application/json", "{}");

        var (_, pool) = await WithCountingPool(() => host.InvokeAsync("slack", """{"method":"GET","url":"a"}"""));

        AssertAllReturned(pool, expectedRentals: 3);
    }

    [Test]
    public async Task A_redirect_that_fails_the_call_returns_its_buffer()
    {
        using var host = PassthroughTestHost.Create(options => options.MaxRedirects = 1);
        host.Connect("slack", new Credential.BearerToken("xoxb-pool-123456"));
        host.Mock.Expect("https://slack.com/api/a").Respond(_ => Redirect("https://slack.com/api/b"));
        host.Mock.Expect("https://slack.com/api/b").Respond(_ => Redirect("https://slack.com/api/c"));

        var (_, pool) = await WithCountingPool(() => Assert.ThrowsAsync<IntegryException>(() => host.InvokeAsync("slack", """{"method":"GET","url":"a"}""")));

        AssertAllReturned(pool, expectedRentals: 2);
    }

    [Test]
    public async Task A_401_answered_again_after_a_refresh_returns_its_buffer()
    {
        var provider = new RefreshingProvider();
        using var mock = new MockHttpMessageHandler();
        mock.Expect("https://api.notion.com/v1/users/me").WithHeaders("Authorization", "Bearer old-token-1").Respond(HttpStatusCode.Unauthorized, "application/json", """{"code":"unauthorized"}""");
        mock.Expect("https://api.notion.com/v1/users/me").WithHeaders("Authorization", "Bearer new-token-2").Respond("application/json", "{}");
        var executor = new PassthroughExecutor(provider, new PassthroughOptions { AllowUnguardedHandler = true, Handler = mock });
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = executor });

        var (result, pool) = await WithCountingPool(() => client.PassthroughAsync("notion", PassthroughRequest.Get("users/me")));

        Assert.That(((Result.Executed)result).NetworkCode, Is.EqualTo(200));
        AssertAllReturned(pool, expectedRentals: 2);
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task A_401_whose_refresh_throws_returns_its_buffer()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect("https://api.notion.com/v1/users/me").Respond(HttpStatusCode.Unauthorized, "application/json", """{"code":"unauthorized"}""");
        var executor = new PassthroughExecutor(new ThrowingRefreshProvider(), new PassthroughOptions { AllowUnguardedHandler = true, Handler = mock });
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = executor });

        var (failure, pool) = await WithCountingPool(() => Assert.ThrowsAsync<IntegryException>(() => client.PassthroughAsync("notion", PassthroughRequest.Get("users/me"))));

        Assert.That(failure!.Kind, Is.EqualTo(IntegryErrorKind.CredentialProvider));
        AssertAllReturned(pool, expectedRentals: 1);
        mock.VerifyNoOutstandingExpectation();
    }

    [Test]
    public async Task A_call_whose_time_runs_out_as_the_retry_pipeline_starts_returns_the_kept_answer_and_its_buffer()
    {
        // The call's time runs out after the first attempt's 503 is kept for the retry pipeline to replay, just as Polly
        // schedules the pipeline's first step: the pipeline still takes the 503 (no answer is stranded with its pooled
        // buffer), retries nothing, and the call returns it as its last answer.
        var clock = new ExpiringWhenAnAttemptIsTimed(attemptTimeout: TimeSpan.FromSeconds(7), callTimeout: TimeSpan.FromSeconds(30));
        using var mock = new MockHttpMessageHandler();
        mock.Expect("https://slack.com/api/a").Respond(HttpStatusCode.ServiceUnavailable, "application/json", """{"busy":1}""");
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "slack", new Credential.BearerToken("xoxb-pool-123456"));
        var options = new PassthroughOptions { Handler = mock, AllowUnguardedHandler = true, TimeProvider = clock, AttemptTimeout = TimeSpan.FromSeconds(7), Timeout = TimeSpan.FromSeconds(30), RetryBaseDelay = TimeSpan.Zero };
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });

        var (result, pool) = await WithCountingPool(() => client.PassthroughAsync("slack", PassthroughRequest.Get("a")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(clock.Expired, Is.True, "the call's time ran out where the test meant it to");
            Assert.That(result is Result.Executed { NetworkCode: 503, Attempts: 1 }, Is.True, result.ToString());
        }

        AssertAllReturned(pool, expectedRentals: 1);
    }

    private static async Task<(T Result, CountingPool Pool)> WithCountingPool<T>(Func<Task<T>> call)
    {
        var pool = new CountingPool();
        ResponseReader.PoolOverride = pool;
        try
        {
            return (await call(), pool);
        }
        finally
        {
            ResponseReader.PoolOverride = null;
        }
    }

    private static void AssertAllReturned(CountingPool pool, int expectedRentals)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(pool.Rented, Is.GreaterThanOrEqualTo(expectedRentals), "every answer was read into a pooled buffer");
            Assert.That(pool.Returned, Is.EqualTo(pool.Rented), "every buffer went back");
        }
    }

    private static HttpResponseMessage Redirect(string location) => new(HttpStatusCode.Found) { Headers = { Location = new Uri(location) } };

    /// <summary>A fake clock that runs the call's whole time out the moment Polly's timeout strategy schedules an
    /// attempt's limit: right before the retry pipeline's first step.</summary>
    private sealed class ExpiringWhenAnAttemptIsTimed(TimeSpan attemptTimeout, TimeSpan callTimeout) : Microsoft.Extensions.Time.Testing.FakeTimeProvider
    {
        public bool Expired { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new Watched(this, base.CreateTimer(callback, state, dueTime, period));

        private void Scheduled(TimeSpan dueTime)
        {
            if (!Expired && dueTime == attemptTimeout && Environment.StackTrace.Contains("Polly.Timeout.TimeoutResilienceStrategy", StringComparison.Ordinal))
            {
                Expired = true;
                Advance(callTimeout);
            }
        }

        private sealed class Watched(ExpiringWhenAnAttemptIsTimed clock, ITimer inner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                var changed = inner.Change(dueTime, period);
                clock.Scheduled(dueTime);
                return changed;
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }

    private sealed class CountingPool : ArrayPool<byte>
    {
        private int _rented;
        private int _returned;

        public int Rented => Volatile.Read(ref _rented);

        public int Returned => Volatile.Read(ref _returned);

        public override byte[] Rent(int minimumLength)
        {
            Interlocked.Increment(ref _rented);
            return new byte[Math.Max(minimumLength, 16)];
        }

        public override void Return(byte[] array, bool clearArray = false) => Interlocked.Increment(ref _returned);
    }

    private sealed class RefreshingProvider : ICredentialProvider
    {
        private Credential _current = new Credential.BearerToken("old-token-1");

        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default) => ValueTask.FromResult<Credential?>(_current);

        public ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default)
        {
            _current = new Credential.BearerToken("new-token-2");
            return ValueTask.FromResult<Credential?>(_current);
        }
    }

    private sealed class ThrowingRefreshProvider : ICredentialProvider
    {
        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Credential?>(new Credential.BearerToken("old-token-1"));

        public ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("The token store is down.");
    }
}
