using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>Small things every fault test uses: a real-time guard so nothing hangs, result unpacking and the report line.</summary>
internal static class Fault
{
    /// <summary>The most real time any single wait in a fault test may take before the test fails instead of hanging.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A clock that stands still at the real now: timeouts on it fire only when a test moves it, never because the machine
    /// is slow (<see cref="Guard"/> still fails a test that would hang).
    /// </summary>
    public static TimeProvider StillClock() => new FakeTimeProvider(DateTimeOffset.UtcNow);

    /// <summary>Waits for a call, failing (not hanging) if it never completes.</summary>
    public static Task<T> Within<T>(Task<T> task) => task.WaitAsync(Guard);

    public static Result.Executed Executed(Result result)
    {
        Assert.That(result, Is.TypeOf<Result.Executed>(), () => $"Expected Executed, got {result.ToJson()}");
        return (Result.Executed)result;
    }

    /// <summary>Writes one line of the fault table: fault → what the caller got → what the server saw.</summary>
    public static void Report(string fault, string caller, string server) =>
        TestContext.Out.WriteLine($"FAULT | {fault} | {caller} | {server}");

    public static string Describe(Result result) => result switch
    {
        Result.Executed executed => $"Executed {executed.NetworkCode}, Attempts {executed.Attempts}",
        Result.Rejected rejected => $"Rejected: {string.Join(" ", rejected.ErrorDetails)}",
        _ => result.ToJson(),
    };

    public static string Describe(Exception? exception) => exception is null ? "no exception" : $"{exception.GetType().Name}: {exception.Message}";

    public static string Describe(IReadOnlyList<SeenRequest> requests) =>
        requests.Count == 0 ? "nothing" : $"{requests.Count} request(s): " + string.Join(", ", requests.Select(request => $"{request.Method} {request.PathAndQuery}"));

    public static string OutputText(Result.Executed executed) =>
        executed.Output.ValueKind == JsonValueKind.String ? executed.Output.GetString()! : executed.Output.GetRawText();
}
