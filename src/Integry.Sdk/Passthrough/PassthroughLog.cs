using Microsoft.Extensions.Logging;

namespace Integry.Sdk.Passthrough;

/// <summary>The executor's log messages: stable event ids, redacted URLs, never a credential.</summary>
internal static partial class PassthroughLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Passthrough {FunctionName} {Method} {Url} answered {NetworkCode} in {ElapsedMilliseconds} ms")]
    public static partial void Executed(ILogger logger, string functionName, string method, string url, int networkCode, long elapsedMilliseconds);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Passthrough {FunctionName} rejected: {Reason}")]
    public static partial void Rejected(ILogger logger, string functionName, IReadOnlyList<string> reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Passthrough {FunctionName} {Method} {Url} failed: {Reason}")]
    public static partial void Failed(ILogger logger, string functionName, string method, string url, string reason);
}
