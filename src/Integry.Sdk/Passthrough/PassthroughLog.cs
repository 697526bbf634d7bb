using Microsoft.Extensions.Logging;

namespace Integry.Sdk.Passthrough;

/// <summary>The executor's log messages: stable event ids, redacted URLs, never a credential.</summary>
internal static partial class PassthroughLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Passthrough {FunctionName} {Method} {Url} answered {NetworkCode} in {ElapsedMilliseconds} ms")]
    public static partial void Executed(ILogger logger, string functionName, string method, string url, int networkCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Passthrough {FunctionName} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string functionName, IReadOnlyList<string> reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Passthrough {FunctionName} retrying after {Failure} in {DelayMilliseconds} ms (attempt {NextAttempt})")]
    public static partial void Retrying(ILogger logger, string functionName, string failure, double delayMilliseconds, int nextAttempt);

    /// <summary>Logs a retry that will happen, naming what failed: the status code, or the exception type.</summary>
    public static void Retrying(ILogger logger, string functionName, int? networkCode, Exception? exception, TimeSpan delay, int nextAttempt) =>
        Retrying(
            logger,
            functionName,
            networkCode is { } code ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : exception?.GetType().Name ?? "a failed attempt",
            delay.TotalMilliseconds,
            nextAttempt);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Passthrough {FunctionName} following a {NetworkCode} redirect to {Url} (credential sent: {WithCredential})")]
    public static partial void RedirectFollowed(ILogger logger, string functionName, int networkCode, string url, bool withCredential);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Warning, Message = "Passthrough {FunctionName} ran, but the call log could not record it: {ExceptionType}")]
    public static partial void CallLogFailed(ILogger logger, string functionName, string exceptionType);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Passthrough {FunctionName} {Method} {Url} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string functionName, string method, string url, string reason);
}
