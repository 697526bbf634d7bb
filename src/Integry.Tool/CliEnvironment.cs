namespace Integry.Tool;

/// <summary>What a command writes to and reads from: the console in the tool, writers and a dictionary in tests.</summary>
/// <param name="Output">Where results go.</param>
/// <param name="Error">Where errors go, one line each.</param>
/// <param name="GetVariable">Reads an environment variable.</param>
/// <param name="HandleSignals">Whether Ctrl+C and SIGTERM cancel the running command (the process owns them; tests do not).</param>
internal sealed record CliEnvironment(TextWriter Output, TextWriter Error, Func<string, string?> GetVariable, bool HandleSignals = false);
