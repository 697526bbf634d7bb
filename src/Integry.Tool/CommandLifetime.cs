using Microsoft.Extensions.Hosting;

namespace Integry.Tool;

/// <summary>A host lifetime that leaves Ctrl+C and SIGTERM to the command line, which cancels the running command; the host stops with it.</summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
