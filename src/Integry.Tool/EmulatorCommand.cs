using System.CommandLine;
using System.Text.Json;
using Integry.Sdk.Emulator;

namespace Integry.Tool;

/// <summary><c>integry emulator [--port] [--config]</c>: the emulator's routes (the Integry.Sdk.Emulator library) on 127.0.0.1 until Ctrl+C or SIGTERM.</summary>
internal static class EmulatorCommand
{
    public const int DefaultPort = 5080;

    public static Command Build(CliEnvironment environment)
    {
        var port = new Option<int>("--port")
        {
            Description = "The port on 127.0.0.1 (0 lets the OS pick a free one).",
            DefaultValueFactory = _ => DefaultPort,
        };
        var config = new Option<FileInfo?>("--config") { Description = "A JSON file of apps, users and connected accounts (see emulator.sample.json)." };
        var command = new Command("emulator", "Run a local stand-in for Integry's API on 127.0.0.1 until Ctrl+C or SIGTERM.") { port, config };
        command.SetAction((parseResult, cancellationToken) => RunAsync(environment, parseResult.GetValue(port), parseResult.GetValue(config), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliEnvironment environment, int port, FileInfo? configFile, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
        {
            throw new UsageException("--port must be between 0 and 65535.");
        }

        // Read and check the whole config before anything listens: a bad file starts nothing.
        EmulatorConfig config;
        try
        {
            config = configFile is null ? new EmulatorConfig() : EmulatorConfig.Load(configFile.FullName);
        }
        catch (Exception exception) when (exception is JsonException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new UsageException($"the emulator config '{configFile!.FullName}' cannot be used: {OneLine(exception.Message)}");
        }

        IntegryEmulator emulator;
        try
        {
            emulator = await IntegryEmulator.StartAsync(
                builder =>
                {
                    builder.UseConfig(config);
                    builder.Port = port;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            throw new UsageException($"the emulator config '{configFile?.FullName}' cannot be used: {OneLine(exception.Message)}");
        }
        catch (IOException exception)
        {
            throw new IOException($"{exception.Message} Pick another with --port, or --port 0 for a free one.", exception);
        }

        await using (emulator.ConfigureAwait(false))
        {
            await environment.Output.WriteLineAsync($"Integry emulator listening on {emulator.BaseAddress} (App-Key '{config.AppKey}', {config.Users.Count} users).").ConfigureAwait(false);
            await environment.Output.WriteLineAsync($"Function calls log: GET {emulator.BaseAddress}emulator/calls. Press Ctrl+C to stop.").ConfigureAwait(false);
            await environment.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            await emulator.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }

        await environment.Output.WriteLineAsync("Integry emulator stopped.").ConfigureAwait(false);
        return ExitCodes.Executed;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
