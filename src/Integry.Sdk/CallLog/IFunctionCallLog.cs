namespace Integry.Sdk;

/// <summary>Receives one record per executed passthrough call (rejected calls are not recorded, as at Integry).</summary>
/// <remarks>Plug in your own sink through DI; <see cref="InMemoryFunctionCallLog"/> is the default.</remarks>
public interface IFunctionCallLog
{
    /// <summary>Records one executed call.</summary>
    /// <param name="record">The call.</param>
    /// <param name="cancellationToken">Cancels recording.</param>
    /// <returns>A task that completes when the record is kept.</returns>
    ValueTask RecordAsync(FunctionCallRecord record, CancellationToken cancellationToken = default);
}
