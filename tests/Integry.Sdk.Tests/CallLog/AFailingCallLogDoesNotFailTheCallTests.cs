using Microsoft.Extensions.Logging.Testing;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.CallLog;

/// <summary>
/// The onward call has happened before its record is written: a call log that throws, fails later or is still writing
/// never turns the call into an exception (the caller would retry a request that was executed), and the failure is logged.
/// </summary>
public class AFailingCallLogDoesNotFailTheCallTests
{
    public enum Failure
    {
        ThrowsAtOnce,
        FaultedTask,
        FaultsLater,
        CancelledLater,
        SucceedsLater,
    }

    [TestCase(Failure.ThrowsAtOnce, true)]
    [TestCase(Failure.FaultedTask, true)]
    [TestCase(Failure.FaultsLater, true)]
    [TestCase(Failure.CancelledLater, true)]
    [TestCase(Failure.SucceedsLater, false)]
    public async Task The_call_returns_the_apps_answer_whatever_the_log_does(Failure failure, bool logged)
    {
        var log = new ScriptedCallLog(failure);
        var logger = new FakeLogger<PassthroughExecutor>();
        using var mock = new MockHttpMessageHandler();
        mock.Expect(HttpMethod.Get, "https://api.logged.example/v1/items").Respond("application/json", """{"ok":true}""");
        var client = CreateClient(mock, log, logger);

        var pending = client.InvokeFunctionAsync("logged-passthrough-request", Tests.TestSupport.PassthroughJson.Parse("""{"method":"GET","url":"v1/items"}"""));
        await log.Asked.Task;
        if (failure is Failure.FaultsLater or Failure.CancelledLater or Failure.SucceedsLater)
        {
            // A log that is still writing holds the call until it has written (or failed): the record is not dropped.
            Assert.That(pending.IsCompleted, Is.False);
        }

        log.Finish();
        var result = await pending;

        mock.VerifyNoOutstandingExpectation();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result, Is.TypeOf<Result.Executed>());
            Assert.That(((Result.Executed)result).NetworkCode, Is.EqualTo(200));
            Assert.That(log.Records, Has.Count.EqualTo(1));
            Assert.That(logger.Collector.GetSnapshot().Any(record => record.Message.Contains("call log", StringComparison.OrdinalIgnoreCase)), Is.EqualTo(logged));
        }
    }

    private static IntegryClient CreateClient(MockHttpMessageHandler mock, IFunctionCallLog log, FakeLogger<PassthroughExecutor> logger)
    {
        mock.Fallback.Throw(new InvalidOperationException("Unexpected request"));
        var options = new PassthroughOptions { Handler = mock, AllowUnguardedHandler = true, CallLog = log, LoggerFactory = new Tests.TestSupport.SingleLoggerFactory(logger) };
        options.Apps.Add(new AppDefinition { Slug = "logged", DisplayName = "Logged", Hosts = ["api.logged.example"], BaseUrl = "https://api.logged.example/" });
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "logged", new Credential.BearerToken("tok-never-logged"));
        return new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });
    }

    private sealed class ScriptedCallLog(Failure failure) : IFunctionCallLog
    {
        private readonly TaskCompletionSource _later = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public List<FunctionCallRecord> Records { get; } = [];

        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Finish()
        {
            switch (failure)
            {
                case Failure.FaultsLater:
                    _later.SetException(new IOException("The disk is full."));
                    break;
                case Failure.CancelledLater:
                    _later.SetCanceled();
                    break;
                case Failure.SucceedsLater:
                    _later.SetResult();
                    break;
            }
        }

        public ValueTask RecordAsync(FunctionCallRecord record, CancellationToken cancellationToken = default)
        {
            Records.Add(record);
            Asked.SetResult();
            return failure switch
            {
                Failure.ThrowsAtOnce => throw new InvalidOperationException("The sink is closed."),
                Failure.FaultedTask => ValueTask.FromException(new IOException("The disk is full.")),
                _ => new ValueTask(_later.Task),
            };
        }
    }
}
