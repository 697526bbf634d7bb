using Microsoft.Extensions.Logging;

namespace Integry.Sdk.Tests.TestSupport;

/// <summary>A logger factory that hands out one logger, so a test can read what the executor logged.</summary>
internal sealed class SingleLoggerFactory(ILogger logger) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => logger;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }
}
