// dotnet run --project src/Integry.Sdk.Emulator -- --port 5080 --config emulator.json
using System.Globalization;
using Integry.Sdk.Emulator;

var port = 5080;
string? configPath = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed):
            port = parsed;
            i++;
            break;
        case "--config" when i + 1 < args.Length:
            configPath = args[++i];
            break;
        default:
            Console.Error.WriteLine("usage: Integry.Sdk.Emulator [--port 5080] [--config emulator.json]");
            return 2;
    }
}

EmulatorConfig config;
IntegryEmulator emulator;
try
{
    config = configPath is null ? new EmulatorConfig() : EmulatorConfig.Load(configPath);
    emulator = await IntegryEmulator.StartAsync(config, port);
}
catch (Exception exception) when (exception is System.Text.Json.JsonException or IOException or ArgumentException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"The emulator config '{configPath}' cannot be used: {exception.Message}");
    return 2;
}

await using var running = emulator;
Console.WriteLine($"Integry emulator listening on {emulator.BaseAddress} (App-Key '{config.AppKey}', {config.Users.Count} users).");
Console.WriteLine($"Function calls log: GET {emulator.BaseAddress}emulator/calls. Press Ctrl+C to stop.");
await emulator.WaitForShutdownAsync();
return 0;
