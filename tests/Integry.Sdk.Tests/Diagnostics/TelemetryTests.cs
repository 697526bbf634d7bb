using System.Diagnostics;
using System.Net;
using Integry.Sdk.Tests.TestSupport;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.Diagnostics;

/// <summary>Traces, metrics and logs of a passthrough: OpenTelemetry attributes, redacted URLs, never a credential.</summary>
public class TelemetryTests
{
    private const string Token = "api-key-never-shown-1234";

    [Test]
    public async Task A_call_has_a_call_span_and_an_attempt_span_with_http_client_attributes_and_a_redacted_url()
    {
        var activities = new List<Activity>();
        using var listener = Listen(activities);
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").Respond("application/json", """{"ok":true}""");
        var client = CreateClient(mock, new FakeLogger<PassthroughExecutor>());

        await client.InvokeFunctionAsync("querykey-passthrough-request", new System.Text.Json.Nodes.JsonObject { ["method"] = "GET", ["url"] = "v1/deals?page=2" }, connectedAccountId: "acct-9");

        var call = activities.Single(activity => activity.OperationName == "invoke querykey-passthrough-request");
        var attempt = activities.Single(activity => activity.Kind == ActivityKind.Client && activity.Parent == call);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(call.GetTagItem("integry.function"), Is.EqualTo("querykey-passthrough-request"));
            Assert.That(call.GetTagItem("integry.app"), Is.EqualTo("querykey"));
            Assert.That(call.GetTagItem("integry.connected_account_id"), Is.EqualTo("acct-9"));
            Assert.That(call.GetTagItem("integry.outcome"), Is.EqualTo("executed"));
            Assert.That(call.GetTagItem("http.response.status_code"), Is.EqualTo(200));
            Assert.That(attempt.GetTagItem("http.request.method"), Is.EqualTo("GET"));
            Assert.That(attempt.GetTagItem("server.address"), Is.EqualTo("api.querykey.example"));
            Assert.That(attempt.GetTagItem("http.response.status_code"), Is.EqualTo(200));
            Assert.That(attempt.GetTagItem("url.full"), Is.EqualTo("https://api.querykey.example/v1/deals?page=2&api_token=***"));
            Assert.That(activities.SelectMany(activity => activity.TagObjects).Select(tag => tag.Value?.ToString()), Has.None.Contains(Token));
        }
    }

    [TestCase(false, TestName = "Every attempt span is current while its request is sent, a child of the call span")]
    [TestCase(true, TestName = "Every attempt span is current while its request is sent, a child of the call span (no call timeout: Polly sends every attempt)")]
    public async Task Every_attempt_span_is_the_current_span_while_its_request_is_sent_and_a_child_of_the_call_span(bool withoutCallTimeout)
    {
        // A redirect on the app's own host, a retry, then a 401 answered after a refresh: four attempts, each sent from
        // another place in the executor (the call itself, a redirect hop, the retry pipeline, the refreshed call).
        var activities = new List<Activity>();
        using var listener = Listen(activities);
        var currentWhileSent = new List<Activity?>();
        using var mock = new MockHttpMessageHandler();
        HttpResponseMessage Record(HttpResponseMessage response)
        {
            currentWhileSent.Add(Activity.Current);
            return response;
        }

        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").WithExactQueryString("api_token=old")
            .Respond(_ => Record(new HttpResponseMessage(HttpStatusCode.Found) { Headers = { Location = new Uri("https://api.querykey.example/v2/deals") } }));
        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v2/deals").WithExactQueryString("api_token=old")
            .Respond(_ => Record(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero) } }));
        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v2/deals").WithExactQueryString("api_token=old")
            .Respond(_ => Record(new HttpResponseMessage(HttpStatusCode.Unauthorized)));
        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").WithExactQueryString("api_token=new")
            .Respond(_ => Record(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"ok":true}""", System.Text.Encoding.UTF8, "application/json") }));
        var provider = new RotatingKeyProvider();
        var client = CreateClient(mock, new FakeLogger<PassthroughExecutor>(), provider, withoutCallTimeout ? Timeout.InfiniteTimeSpan : null);

        var result = await client.InvokeFunctionAsync("querykey-passthrough-request", new System.Text.Json.Nodes.JsonObject { ["method"] = "GET", ["url"] = "v1/deals" });

        mock.VerifyNoOutstandingExpectation();
        var call = currentWhileSent[0]?.Parent;
        var attempts = activities.Where(activity => activity.Kind == ActivityKind.Client && activity.Parent == call).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Executed)result).NetworkCode, Is.EqualTo(200));
            Assert.That(call?.OperationName, Is.EqualTo("invoke querykey-passthrough-request"));
            Assert.That(attempts, Has.Count.EqualTo(4));
            Assert.That(currentWhileSent, Has.Count.EqualTo(4));
            Assert.That(currentWhileSent, Is.Unique);
            Assert.That(currentWhileSent, Is.SubsetOf(attempts), "the handler saw each attempt's own span as the current one");
            Assert.That(provider.CurrentWhileRefreshing, Is.SameAs(call), "after an attempt, the call goes on under its own span");
        }
    }

    [Test]
    public async Task A_rejected_call_is_counted_as_rejected_with_its_duration()
    {
        using var calls = new MetricCollector<long>(null, "Integry.Sdk", "integry.calls");
        using var duration = new MetricCollector<double>(null, "Integry.Sdk", "integry.call.duration");
        using var mock = new MockHttpMessageHandler();
        var client = CreateClient(mock, new FakeLogger<PassthroughExecutor>());

        await client.ForUser("nobody").InvokeFunctionAsync("querykey-passthrough-request", new System.Text.Json.Nodes.JsonObject { ["method"] = "GET", ["url"] = "v1/deals" });

        var measurement = calls.GetMeasurementSnapshot().Single(m => Equals(m.Tags["integry.function"], "querykey-passthrough-request") && Equals(m.Tags["integry.outcome"], "rejected"));
        Assert.That(measurement.Value, Is.EqualTo(1));
        Assert.That(duration.GetMeasurementSnapshot().Any(m => Equals(m.Tags["integry.outcome"], "rejected")), Is.True);
    }

    [Test]
    public async Task Attempts_retries_and_bytes_are_counted()
    {
        using var attempts = new MetricCollector<long>(null, "Integry.Sdk", "integry.passthrough.attempts");
        using var retries = new MetricCollector<long>(null, "Integry.Sdk", "integry.passthrough.retries");
        using var responseBytes = new MetricCollector<long>(null, "Integry.Sdk", "integry.passthrough.response.body.size");
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").Respond(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero) } });
        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").Respond("application/json", """{"ok":true}""");
        var client = CreateClient(mock, new FakeLogger<PassthroughExecutor>());

        var result = await client.InvokeFunctionAsync("querykey-passthrough-request", new System.Text.Json.Nodes.JsonObject { ["method"] = "GET", ["url"] = "v1/deals" });

        mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(((Result.Executed)result).Attempts, Is.EqualTo(2));
            Assert.That(attempts.GetMeasurementSnapshot().Where(m => Equals(m.Tags["integry.app"], "querykey")).Sum(m => m.Value), Is.EqualTo(2));
            Assert.That(retries.GetMeasurementSnapshot().Where(m => Equals(m.Tags["integry.app"], "querykey")).Sum(m => m.Value), Is.EqualTo(1));
            Assert.That(responseBytes.GetMeasurementSnapshot().Where(m => Equals(m.Tags["integry.app"], "querykey")).Sum(m => m.Value), Is.EqualTo("""{"ok":true}""".Length));
        }
    }

    [Test]
    public async Task Logs_have_stable_event_ids_and_never_carry_the_credential()
    {
        var logger = new FakeLogger<PassthroughExecutor>();
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").Respond(_ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Headers = { RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero) } });
        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").Respond("application/json", "{}");
        var client = CreateClient(mock, logger);

        await client.InvokeFunctionAsync("querykey-passthrough-request", new System.Text.Json.Nodes.JsonObject { ["method"] = "GET", ["url"] = "v1/deals?token=caller-secret-777" });
        await client.ForUser("nobody").InvokeFunctionAsync("querykey-passthrough-request", new System.Text.Json.Nodes.JsonObject { ["method"] = "GET", ["url"] = "v1/deals" });

        var records = logger.Collector.GetSnapshot();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(records.Select(record => record.Id.Id), Is.SupersetOf(new[] { 1001, 1002, 1004 }));
            Assert.That(records.Select(record => record.Message), Has.None.Contains(Token));
            Assert.That(records.Select(record => record.Message), Has.None.Contains("caller-secret-777"));
            Assert.That(records.Single(record => record.Id.Id == 1001).Message, Does.Contain("api_token=***").And.Contain("token=***"));
            Assert.That(records.Single(record => record.Id.Id == 1004).Level, Is.EqualTo(LogLevel.Information));
        }
    }

    [Test]
    public async Task The_retry_line_names_the_status_and_is_not_written_after_the_last_attempt()
    {
        var logger = new FakeLogger<PassthroughExecutor>();
        using var mock = new MockHttpMessageHandler();
        for (var i = 0; i < 3; i++)
        {
            mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").Respond(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Headers = { RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero) } });
        }

        var client = CreateClient(mock, logger);

        var result = await client.InvokeFunctionAsync("querykey-passthrough-request", new System.Text.Json.Nodes.JsonObject { ["method"] = "GET", ["url"] = "v1/deals" });

        mock.VerifyNoOutstandingExpectation();
        var retries = logger.Collector.GetSnapshot().Where(record => record.Id.Id == 1004).Select(record => record.Message).ToList();
        Assert.That(((Result.Executed)result).Attempts, Is.EqualTo(3));
        Assert.That(retries, Is.EqualTo(new[]
        {
            "Passthrough querykey-passthrough-request retrying after 503 in 0 ms (attempt 2)",
            "Passthrough querykey-passthrough-request retrying after 503 in 0 ms (attempt 3)",
        }));
    }

    [Test]
    public async Task The_retry_line_after_a_network_failure_names_the_exception_type()
    {
        var logger = new FakeLogger<PassthroughExecutor>();
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").Throw(new HttpRequestException("connection refused"));
        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").Respond("application/json", "{}");
        var client = CreateClient(mock, logger);

        await client.InvokeFunctionAsync("querykey-passthrough-request", new System.Text.Json.Nodes.JsonObject { ["method"] = "GET", ["url"] = "v1/deals" });

        var retry = logger.Collector.GetSnapshot().Single(record => record.Id.Id == 1004).Message;
        Assert.That(retry, Does.StartWith("Passthrough querykey-passthrough-request retrying after HttpRequestException in ").And.Not.Contains("(null)"));
    }

    [Test]
    public async Task Metrics_alone_still_get_the_app_of_the_call()
    {
        // No span listener of this test: the app is cut out of the function's name for the metric only.
        using var calls = new MetricCollector<long>(null, "Integry.Sdk", "integry.calls");
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://api.querykey.example/v1/deals").Respond("application/json", """{"ok":true}""");
        var client = CreateClient(mock, new FakeLogger<PassthroughExecutor>());

        await client.InvokeFunctionAsync("querykey-passthrough-request", new System.Text.Json.Nodes.JsonObject { ["method"] = "GET", ["url"] = "v1/deals" });

        var measurement = calls.GetMeasurementSnapshot().Single(m => Equals(m.Tags["integry.function"], "querykey-passthrough-request") && Equals(m.Tags["integry.outcome"], "executed"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(measurement.Tags["integry.app"], Is.EqualTo("querykey"));
            Assert.That(measurement.Tags["integry.outcome"], Is.EqualTo("executed"));
        }
    }

    [TestCase("""{"method":"GET","url":"v1/deals"}""", "querykey-passthrough-request", "user-1", TestName = "Executed")]
    [TestCase("""{"method":"GET","url":"v1/deals","method":"DELETE"}""", "querykey-passthrough-request", "user-1", TestName = "Duplicate key")]
    [TestCase("""{"method":"GET","url":"v1/deals"}""", "querykey-passthrough-request", "nobody", TestName = "Not connected")]
    [TestCase("""{"method":"GET","url":"v1/deals"}""", "nowhere-passthrough-request", "user-1", TestName = "Unknown app")]
    [TestCase("""{"method":"GET","url":"https://elsewhere.example/v1/deals"}""", "querykey-passthrough-request", "user-1", TestName = "Foreign host")]
    public async Task A_call_nothing_observes_returns_what_an_observed_call_returns(string arguments, string function, string user)
    {
        // Unobserved, the client hands the executor's own task out (no state machine of its own); observed, it records the
        // call around it. Both run the same checks in the same order.
        using var mock = new MockHttpMessageHandler();
        mock.When(HttpMethod.Get, "https://api.querykey.example/v1/deals").Respond("application/json", """{"ok":true}""");
        var client = CreateClient(mock, new FakeLogger<PassthroughExecutor>()).ForUser(user);
        var json = System.Text.Json.JsonDocument.Parse(arguments).RootElement;

        var unobserved = await client.InvokeFunctionAsync(function, json);
        Result observed;
        var activities = new List<Activity>();
        using (Listen(activities))
        {
            observed = await client.InvokeFunctionAsync(function, json);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(observed.ToString(), Is.EqualTo(unobserved.ToString()));
            Assert.That(activities.Any(activity => activity.OperationName == "invoke " + function), Is.True);
        }
    }

    private static ActivityListener Listen(List<Activity> activities)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Integry.Sdk",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (activities)
                {
                    activities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static IntegryClient CreateClient(MockHttpMessageHandler mock, FakeLogger<PassthroughExecutor> logger, ICredentialProvider? provider = null, TimeSpan? callTimeout = null)
    {
        mock.Fallback.Throw(new InvalidOperationException("Unexpected request"));
        var options = new PassthroughOptions { RetryBaseDelay = TimeSpan.Zero, Handler = mock, AllowUnguardedHandler = true, LoggerFactory = new SingleLoggerFactory(logger) };
        if (callTimeout is { } timeout)
        {
            options.Timeout = timeout;
        }

        options.Apps.Add(new AppDefinition
        {
            Slug = "querykey",
            DisplayName = "Query Key",
            Hosts = ["api.querykey.example"],
            BaseUrl = "https://api.querykey.example/",
            ApiKeyPlacement = CredentialPlacement.Query("api_token"),
        });
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "querykey", new Credential.ApiKey(Token), "acct-9");
        var executor = new PassthroughExecutor(provider ?? credentials, options);
        return new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = executor });
    }

    /// <summary>Hands out the key "old" and, when the app refuses it, "new"; notes the span current while it refreshes.</summary>
    private sealed class RotatingKeyProvider : ICredentialProvider
    {
        public Activity? CurrentWhileRefreshing { get; private set; }

        public ValueTask<Credential?> GetCredentialAsync(CredentialRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult<Credential?>(new Credential.ApiKey("old"));

        public ValueTask<Credential?> RefreshCredentialAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default)
        {
            CurrentWhileRefreshing = Activity.Current;
            return ValueTask.FromResult<Credential?>(new Credential.ApiKey("new"));
        }
    }
}
