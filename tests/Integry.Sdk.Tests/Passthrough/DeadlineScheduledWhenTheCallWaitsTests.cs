using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Integry.Sdk.Tests.Passthrough;

/// <summary>
/// With the in-memory provider the call's timer is scheduled only when the call first waits; with any provider, an
/// attempt's limit is taken off only when the call waits again after it. Each test below waits somewhere after (or
/// before) the first attempt on the fake clock: the call's limit counts from its start, an attempt's from the attempt's
/// start, whatever the timer held before. Timeout 10 s, AttemptTimeout 4 s.
/// </summary>
public class DeadlineScheduledWhenTheCallWaitsTests
{
    private static readonly TimeSpan Three = TimeSpan.FromSeconds(3);

    [Test]
    public async Task A_lookup_that_answers_at_once_after_the_deadline_passed_ends_the_call_as_timed_out_without_sending()
    {
        var clock = new FakeTimeProvider();
        using var rig = LookupOnly(clock, _ =>
        {
            clock.Advance(TimeSpan.FromSeconds(11));
            return ValueTask.FromResult<Credential?>(Rig.Token("xoxb-1"));
        });

        var failure = await Assert.ThrowsAsync<IntegryException>(() => rig.CallAsync());

        AssertEndedAtTheDeadline(failure, IntegryErrorKind.Timeout, rig);
    }

    [Test]
    public async Task A_lookup_still_running_ends_at_the_deadline_counted_from_the_start_of_the_call()
    {
        var clock = new FakeTimeProvider();
        var never = new TaskCompletionSource<Credential?>();
        using var rig = LookupOnly(clock, _ =>
        {
            // Three seconds pass before the provider hands back its pending lookup.
            clock.Advance(Three);
            return new ValueTask<Credential?>(never.Task);
        });

        var call = rig.CallAsync();
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.That(call.IsCompleted, Is.False, "at 9 s of 10");
        clock.Advance(TimeSpan.FromSeconds(1));
        var failure = await Assert.ThrowsAsync<IntegryException>(() => call);

        AssertEndedAtTheDeadline(failure, IntegryErrorKind.CredentialProvider, rig);
    }

    [Test]
    public async Task A_lookup_that_waits_on_the_token_before_it_returns_ends_at_the_deadline()
    {
        var clock = new FakeTimeProvider();
        using var rig = LookupOnly(clock, cancellationToken =>
        {
            // A synchronous driver's wait, as far as the fake clock goes: the token must cancel while it waits.
            clock.Advance(TimeSpan.FromSeconds(11));
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult<Credential?>(Rig.Token("xoxb-1"));
        });

        var failure = await Assert.ThrowsAsync<IntegryException>(() => rig.CallAsync());

        AssertEndedAtTheDeadline(failure, IntegryErrorKind.CredentialProvider, rig);
        Assert.That(failure!.Message, Is.EqualTo("The credential provider did not return the user's Slack credential within 10 s (PassthroughOptions.Timeout)."));
    }

    [Test]
    public async Task A_retry_wait_that_would_cross_the_deadline_counted_from_the_start_returns_the_last_answer()
    {
        var clock = new FakeTimeProvider();
        using var rig = Rig.Create(clock, (_, _) => After(clock, TimeSpan.FromSeconds(2), Busy(Three)));

        // Attempts at 0-2 s and 5-7 s; a third would start at 10 s, the call's deadline: the second 503 is the answer.
        var call = rig.CallAsync();
        clock.Advance(Three);
        var result = await call;

        AssertAnsweredAfterTwoRequests(result, 503, rig);
    }

    [Test]
    public async Task A_retry_waits_on_the_call_deadline_after_a_first_attempt_that_used_most_of_its_own()
    {
        var clock = new FakeTimeProvider();
        using var rig = Rig.Create(clock, (attempt, _) => attempt == 1 ? After(clock, Three, Busy(Three)) : Rig.Ok());

        var call = rig.CallAsync();
        // The wait ends 6 s after the first attempt started: past that attempt's 4 s, within the call's 10 s.
        clock.Advance(Three);
        var result = await call;

        AssertAnsweredAfterTwoRequests(result, 200, rig);
    }

    [Test]
    public async Task A_refresh_after_a_401_waits_on_the_call_deadline_after_a_first_attempt_that_used_most_of_its_own()
    {
        var clock = new FakeTimeProvider();
        var refreshed = new TaskCompletionSource<Credential?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var provider = Rig.InMemory();
        provider.Refresh = (_, _, _) => new ValueTask<Credential?>(refreshed.Task);
        using var rig = Rig.Create(
            clock,
            (attempt, request) => attempt == 1 ? After(clock, Three, new HttpResponseMessage(HttpStatusCode.Unauthorized))
                : request.Headers.Authorization?.Parameter == "xoxb-2" ? Rig.Ok() : new HttpResponseMessage(HttpStatusCode.Unauthorized),
            provider);

        var call = rig.CallAsync();
        // The refresh answers 5 s after the first attempt started: past that attempt's 4 s, within the call's 10 s.
        clock.Advance(TimeSpan.FromSeconds(2));
        refreshed.SetResult(Rig.Token("xoxb-2"));
        var result = await call;

        AssertAnsweredAfterTwoRequests(result, 200, rig);
    }

    [Test]
    public async Task A_streamed_body_is_taken_on_the_call_deadline_after_a_first_attempt_that_used_most_of_its_own()
    {
        var clock = new FakeTimeProvider();
        using var rig = Rig.Create(clock, (_, _) => After(clock, Three, new HttpResponseMessage(HttpStatusCode.OK) { Content = new SlowToOpenContent(clock, TimeSpan.FromSeconds(2), "[1,2,3]"u8.ToArray()) }));

        var call = rig.Client.PassthroughStreamAsync("slack", PassthroughRequest.Get("files.list"));
        // The body's stream opens 5 s after the attempt started: past its 4 s, within the call's 10 s.
        clock.Advance(TimeSpan.FromSeconds(2));
        using var result = await call;
        using var reader = new StreamReader(result.Content);

        Assert.That(await reader.ReadToEndAsync(), Is.EqualTo("[1,2,3]"));
    }

    [Test]
    public async Task Every_redirect_hop_has_its_own_attempt_limit()
    {
        var clock = new FakeTimeProvider();
        var moved = new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://slack.com/api/files.list2") } };
        using var rig = Rig.Create(clock, (attempt, _) => After(clock, Three, attempt == 1 ? moved : Rig.Ok()));

        // 6 s in all: each hop's attempt took 3 s of its 4.
        var result = await rig.CallAsync();

        AssertAnsweredAfterTwoRequests(result, 200, rig);
    }

    [Test]
    public async Task An_attempt_that_outlives_its_limit_is_timed_out_even_when_the_call_had_not_waited_before()
    {
        var clock = new FakeTimeProvider();
        var never = new TaskCompletionSource<HttpResponseMessage>();
        using var rig = Rig.Create(clock, sendAsync: (_, _, token) => never.Task.WaitAsync(token), maxRetries: 0);

        var call = rig.CallAsync();
        clock.Advance(TimeSpan.FromSeconds(3.9));
        var stillRunning = !call.IsCompleted;
        clock.Advance(TimeSpan.FromSeconds(0.1));
        var failure = await Assert.ThrowsAsync<IntegryException>(() => call);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stillRunning, Is.True, "at 3.9 s of the attempt's 4");
            Assert.That(failure!.Message, Does.Contain("(PassthroughOptions.AttemptTimeout)"));
        }
    }

    /// <summary>A rig whose provider's lookup is the test's, and whose app must never be called.</summary>
    private static Rig LookupOnly(FakeTimeProvider clock, Func<CancellationToken, ValueTask<Credential?>> lookup) =>
        Rig.Create(clock, (_, _) => throw new AssertionException("nothing may be sent"), new ScriptedProvider { Get = (_, cancellationToken) => lookup(cancellationToken) });

    private static void AssertEndedAtTheDeadline(IntegryException? failure, IntegryErrorKind kind, Rig rig)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure!.Kind, Is.EqualTo(kind));
            Assert.That(failure.Message, Does.Contain("within 10 s (PassthroughOptions.Timeout)"));
            Assert.That(rig.Sent, Is.Zero);
        }
    }

    private static void AssertAnsweredAfterTwoRequests(Result result, int status, Rig rig)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That((result as Result.Executed)?.NetworkCode, Is.EqualTo(status), result.ToString());
            Assert.That(rig.Sent, Is.EqualTo(2));
        }
    }

    /// <summary>The answer, once the attempt has taken <paramref name="took"/> on the fake clock.</summary>
    private static HttpResponseMessage After(FakeTimeProvider clock, TimeSpan took, HttpResponseMessage answer)
    {
        clock.Advance(took);
        return answer;
    }

    /// <summary>A 503 that asks for a wait.</summary>
    private static HttpResponseMessage Busy(TimeSpan retryAfter)
    {
        var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
        return busy;
    }

    /// <summary>Content whose stream opens only after the given time has passed on the fake clock.</summary>
    private sealed class SlowToOpenContent(TimeProvider clock, TimeSpan delay, byte[] body) : HttpContent
    {
        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(delay, clock, cancellationToken);
            return new MemoryStream(body);
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }

    /// <summary>A provider that is not the in-memory one: the call's timer runs from its start.</summary>
    private sealed class ScriptedProvider : ICredentialProvider
    {
        public Func<CredentialRequest, CancellationToken, ValueTask<Credential?>> Get { get; init; } =
            (_, _) => ValueTask.FromResult<Credential?>(Rig.Token("xoxb-1"));

        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default) => Get(request, cancellationToken);

        public ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Credential?>(null);
    }

    /// <summary>Answers the n-th request (from 1) as the test says, and counts what was sent.</summary>
    private sealed class ScriptedHandler(Func<int, HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        private int _sent;

        public int Sent => _sent;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            answer(Interlocked.Increment(ref _sent), request, cancellationToken);
    }

    private sealed class Rig : IDisposable
    {
        private readonly ScriptedHandler _handler;

        private Rig(ScriptedHandler handler, IntegryClient client)
        {
            _handler = handler;
            Client = client;
        }

        public IntegryClient Client { get; }

        public int Sent => _handler.Sent;

        public static Credential Token(string token) => new Credential.BearerToken(token) { ConnectedAccountId = "a1" };

        public static HttpResponseMessage Ok() => new(HttpStatusCode.OK) { Content = new StringContent("""{"ok":true}""", System.Text.Encoding.UTF8, "application/json") };

        /// <summary>The in-memory provider with the user's Slack token: its calls schedule their timer when they first wait.</summary>
        public static InMemoryCredentialProvider InMemory()
        {
            var provider = new InMemoryCredentialProvider();
            provider.Connect("user-1", "slack", Token("xoxb-1"), "a1");
            return provider;
        }

        public static Rig Create(FakeTimeProvider clock, Func<int, HttpRequestMessage, HttpResponseMessage> answer, ICredentialProvider? provider = null) =>
            Create(clock, (attempt, request, _) => Task.FromResult(answer(attempt, request)), provider: provider);

        public static Rig Create(FakeTimeProvider clock, Func<int, HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> sendAsync, int maxRetries = 2, ICredentialProvider? provider = null)
        {
            var handler = new ScriptedHandler(sendAsync);
            provider ??= InMemory();
            var options = new PassthroughOptions
            {
                Timeout = TimeSpan.FromSeconds(10),
                AttemptTimeout = TimeSpan.FromSeconds(4),
                MaxRetries = maxRetries,
                RetryBaseDelay = TimeSpan.Zero,
                Handler = handler,
                AllowUnguardedHandler = true,
                TimeProvider = clock,
            };
            var executor = new PassthroughExecutor(provider, options);
            return new Rig(handler, new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = executor }));
        }

        public Task<Result> CallAsync() => Client.PassthroughAsync("slack", PassthroughRequest.Get("files.list"));

        public void Dispose() => _handler.Dispose();
    }
}
