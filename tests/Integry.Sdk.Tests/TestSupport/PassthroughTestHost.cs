using System.Text.Json;
using RichardSzalay.MockHttp;

namespace Integry.Sdk.Tests.TestSupport;

/// <summary>
/// A local executor wired to a MockHttp handler, an in-memory credential store and an in-memory call log.
/// Any request that matches no expectation hits the fallback, which throws, and is counted.
/// </summary>
internal sealed class PassthroughTestHost : IDisposable
{
    public const string UserId = "user-1";

    private PassthroughTestHost(PassthroughOptions? options, int callLogCapacity)
    {
        Mock = new MockHttpMessageHandler();
        Mock.Fallback.Throw(new InvalidOperationException("The test expected no request here."));
        Credentials = new InMemoryCredentialProvider();
        CallLog = new InMemoryFunctionCallLog(callLogCapacity);
        options ??= new PassthroughOptions();
        options.Handler = Mock;
        options.AllowUnguardedHandler = true;
        options.CallLog = CallLog;
        Executor = new PassthroughExecutor(Credentials, options);
        Client = new IntegryClient(new IntegryClientOptions { UserId = UserId, PassthroughExecutor = Executor });
    }

    public MockHttpMessageHandler Mock { get; }

    public InMemoryCredentialProvider Credentials { get; }

    public InMemoryFunctionCallLog CallLog { get; }

    public PassthroughExecutor Executor { get; }

    public IntegryClient Client { get; }

    /// <summary>Gets how many requests reached the fallback, that is matched no expectation.</summary>
    public int UnexpectedRequests => Mock.GetMatchCount(Mock.Fallback);

    public static PassthroughTestHost Create(Action<PassthroughOptions>? configure = null, int callLogCapacity = 100)
    {
        var options = new PassthroughOptions { AllowUnguardedHandler = true };
        configure?.Invoke(options);
        return new PassthroughTestHost(options, callLogCapacity);
    }

    public string Connect(string app, Credential credential, string? connectedAccountId = null, string userId = UserId) =>
        Credentials.Connect(userId, app, credential, connectedAccountId);

    /// <summary>Invokes <c>&lt;app&gt;-passthrough-request</c> with arguments written as JSON text.</summary>
    public Task<Result> InvokeAsync(string app, string argumentsJson, string? connectedAccountId = null) =>
        Client.InvokeFunctionAsync(app + "-passthrough-request", PassthroughJson.Parse(argumentsJson), connectedAccountId);

    public void Dispose() => Mock.Dispose();
}

/// <summary>Small JSON helpers for passthrough tests.</summary>
internal static class PassthroughJson
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Writes a string as a JSON string literal, quotes included.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text, Integry.Sdk.Serialization.IntegryJsonContext.Default.String);
}
