namespace Integry.Sdk.Testing;

/// <summary>A host lifetime that leaves Ctrl+C and SIGTERM to the process (the test runner): a fake server never stops it.</summary>
internal sealed class TestHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
