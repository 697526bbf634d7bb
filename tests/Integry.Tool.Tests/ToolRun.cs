namespace Integry.Tool.Tests;

/// <summary>Runs the integry command line in-process with captured writers and a given environment.</summary>
internal static class ToolRun
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = new CliEnvironment(output, error, name => variables is not null && variables.TryGetValue(name, out var value) ? value : null);
        var exitCode = await IntegryCli.RunAsync(args, environment);
        return (exitCode, output.ToString(), error.ToString());
    }
}

/// <summary>A writer that completes a task when a line containing a marker is written (the emulator's banner).</summary>
internal sealed class SignallingWriter(string marker) : StringWriter
{
    private readonly TaskCompletionSource<string> _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<string> Seen => _seen.Task;

    public override Task WriteLineAsync(string? value)
    {
        if (value is not null && value.Contains(marker, StringComparison.Ordinal))
        {
            _seen.TrySetResult(value);
        }

        return base.WriteLineAsync(value);
    }
}
