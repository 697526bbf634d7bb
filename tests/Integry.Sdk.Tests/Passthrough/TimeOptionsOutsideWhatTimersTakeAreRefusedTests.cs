using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>
/// A time limit a timer cannot take (more than about 49.7 days) or Polly's attempt timeout cannot take (under 10 ms,
/// over 24 h) is refused when the options are given, with an <see cref="ArgumentException"/> that names the option;
/// before, it passed and failed later with Polly's ValidationException or an ArgumentOutOfRangeException about "delay".
/// </summary>
public class TimeOptionsOutsideWhatTimersTakeAreRefusedTests
{
    private static readonly TimeSpan FiftyDays = TimeSpan.FromDays(50);

    private static IEnumerable<TestCaseData> Refused()
    {
        yield return Case("attempt 9 ms", o => o.AttemptTimeout = TimeSpan.FromMilliseconds(9), "AttemptTimeout must be between 00:00:00.0100000 and 1.00:00:00");
        yield return Case("attempt 24 h + 1 ms", o => o.AttemptTimeout = TimeSpan.FromHours(24) + TimeSpan.FromMilliseconds(1), "AttemptTimeout must be between");
        yield return Case("attempt zero", o => o.AttemptTimeout = TimeSpan.Zero, "AttemptTimeout must be between");
        yield return Case("timeout 50 days", o => o.Timeout = FiftyDays, "Timeout must be positive and at most 49.17:02:47.2940000");
        yield return Case("timeout TimeSpan.MaxValue", o => o.Timeout = TimeSpan.MaxValue, "Timeout must be positive and at most");
        yield return Case("retry base delay 50 days", o => o.RetryBaseDelay = FiftyDays, "RetryBaseDelay must not be negative nor more than");
    }

    private static IEnumerable<TestCaseData> Accepted()
    {
        yield return Case("attempt 10 ms", o => o.AttemptTimeout = TimeSpan.FromMilliseconds(10), null);
        yield return Case("attempt 24 h", o => o.AttemptTimeout = TimeSpan.FromHours(24), null);
        yield return Case("attempt infinite", o => o.AttemptTimeout = Timeout.InfiniteTimeSpan, null);
        yield return Case("timeout 49 days", o => o.Timeout = TimeSpan.FromDays(49), null);
        yield return Case("timeout infinite", o => o.Timeout = Timeout.InfiniteTimeSpan, null);
    }

    [TestCaseSource(nameof(Refused))]
    public void A_passthrough_time_limit_no_timer_takes_is_an_ArgumentException_naming_it(Action<PassthroughOptions> configure, string? message)
    {
        var options = new PassthroughOptions();
        configure(options);

        var exception = Assert.Throws<ArgumentException>(() => new PassthroughExecutor(new InMemoryCredentialProvider(), options));

        Assert.That(exception!.Message, Does.Contain(message));
    }

    [TestCaseSource(nameof(Accepted))]
    public void A_passthrough_time_limit_at_the_edge_of_the_range_is_taken(Action<PassthroughOptions> configure, string? message)
    {
        var options = new PassthroughOptions();
        configure(options);

        Assert.That(() => new PassthroughExecutor(new InMemoryCredentialProvider(), options), Throws.Nothing, message);
    }

    [Test]
    public void A_client_timeout_no_timer_takes_is_an_ArgumentException_naming_it()
    {
        var exception = Assert.Throws<ArgumentException>(() => new IntegryClient(new IntegryClientOptions { AppKey = "key", AppSecret = "secret-value", UserId = "user-1", Timeout = FiftyDays }));

        Assert.That(exception!.Message, Does.Contain("Timeout must be positive and at most 49.17:02:47.2940000"));
    }

    [Test]
    public async Task A_refresh_skew_of_any_size_refreshes_the_token_instead_of_failing()
    {
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://slack.com/api/auth.test").WithHeaders("Authorization", "Bearer xoxb-new").Respond("application/json", """{"ok":true}""");
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "slack", new Credential.BearerToken("xoxb-old", DateTimeOffset.MaxValue), "a1");
        credentials.Refresh = (_, _, _) => ValueTask.FromResult<Credential?>(new Credential.BearerToken("xoxb-new", DateTimeOffset.MaxValue));
        var executor = new PassthroughExecutor(credentials, new PassthroughOptions { TokenRefreshSkew = TimeSpan.MaxValue, Handler = mock, AllowUnguardedHandler = true });
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = executor });

        var result = await client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));

        Assert.That((result as Result.Executed)?.NetworkCode, Is.EqualTo(200), result.ToString());
        mock.VerifyNoOutstandingExpectation();
    }

    [TestCase(100_000_000, 0, TestName = "A Retry-After of three years")]
    [TestCase(0, 40, TestName = "A back-off from a 40-day base delay")]
    public async Task A_retry_wait_longer_than_a_timer_takes_waits_the_longest_a_timer_takes_on_a_call_without_a_deadline(int retryAfterSeconds, int baseDelayDays)
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var busy = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        if (retryAfterSeconds > 0)
        {
            busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds));
        }

        // Answers at once (no hop through the thread pool), so the retry's wait is scheduled before the clock moves.
        using var handler = new AnswersInTurn(busy, new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("""{"ok":true}""", System.Text.Encoding.UTF8, "application/json") });
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "slack", new Credential.BearerToken("xoxb-1"), "a1");
        var options = new PassthroughOptions
        {
            Timeout = Timeout.InfiniteTimeSpan,
            AttemptTimeout = Timeout.InfiniteTimeSpan,
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.FromDays(baseDelayDays),
            Handler = handler,
            AllowUnguardedHandler = true,
            TimeProvider = clock,
        };
        var client = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });

        var call = client.PassthroughAsync("slack", PassthroughRequest.Get("auth.test"));
        clock.Advance(TimeSpan.FromMilliseconds(uint.MaxValue - 2));
        var waiting = !call.IsCompleted;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var result = await call;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(waiting, Is.True, "a millisecond before the longest wait");
            Assert.That((result as Result.Executed)?.NetworkCode, Is.EqualTo(200), result.ToString());
            Assert.That(handler.Sent, Is.EqualTo(2));
        }
    }

    [TestCase(400 * 24 * 3600, 24 * 3600, TestName = "Retry-After of 400 days waits 24 h")]
    [TestCase(90, 90, TestName = "Retry-After of 90 s waits 90 s")]
    public void Integry_s_Retry_After_is_taken_up_to_the_longest_wait_Polly_takes(int seconds, int expectedSeconds) =>
        Assert.That(
            Integry.Sdk.DependencyInjection.SafeRetryHandler.RetryAfter(new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds)), TimeProvider.System),
            Is.EqualTo(TimeSpan.FromSeconds(expectedSeconds)));

    private static TestCaseData Case(string name, Action<PassthroughOptions> configure, string? message) =>
        new TestCaseData(configure, message).SetName(name);

    /// <summary>Answers each request at once with the next of its answers.</summary>
    private sealed class AnswersInTurn(params HttpResponseMessage[] answers) : HttpMessageHandler
    {
        public int Sent { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(answers[Sent++]);
    }
}
