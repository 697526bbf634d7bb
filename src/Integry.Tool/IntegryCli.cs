using System.CommandLine;
using System.CommandLine.Parsing;

namespace Integry.Tool;

/// <summary>The integry command line: its commands, and one way to run them that the tool and the tests share.</summary>
internal static class IntegryCli
{
    public const string Description = """
        Integry from the shell: run the emulator, list and get functions and apps, invoke a function, dry-run a passthrough, serve MCP tools.
        Credentials come from --app-key/--app-secret/--user-id/--base-address or INTEGRY_APP_KEY, INTEGRY_APP_SECRET, INTEGRY_USER_ID, INTEGRY_BASE_ADDRESS.
        Exit codes: 0 executed with a 2xx, 1 executed with another status, 2 rejected or bad input, 3 error.
        explain: 0 would be sent, 2 would be rejected or bad input, 3 error.
        """;

    public static RootCommand Build(CliEnvironment environment)
    {
        var root = new RootCommand(Description);
        root.Subcommands.Add(EmulatorCommand.Build(environment));
        root.Subcommands.Add(FunctionsCommand.Build(environment));
        root.Subcommands.Add(InvokeCommand.Build(environment));
        root.Subcommands.Add(AppsCommand.Build(environment));
        root.Subcommands.Add(ExplainCommand.Build(environment));
        root.Subcommands.Add(McpCommand.Build(environment));
        return root;
    }

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="environment">Writers and variables.</param>
    /// <param name="cancellationToken">Stops the command (the tool's Ctrl+C and SIGTERM do the same).</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        // No response files: "--args @file" is ours, read as JSON, not expanded into more arguments.
        var parseResult = Build(environment).Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0)
        {
            // One clear line, not the whole help text: the command's own --help is one flag away.
            var names = new List<string>();
            for (var result = parseResult.CommandResult; result.Parent is CommandResult parent; result = parent)
            {
                names.Insert(0, result.Command.Name);
            }

            var command = string.Join(' ', names.Prepend("integry"));
            // "Required command was not provided" is the echo of an unknown one: name the unknown word first.
            var error = parseResult.Errors.OrderBy(error => error.Message.StartsWith("Required command", StringComparison.Ordinal) ? 1 : 0).First();
            // Suggestions come one per line ("Did you mean one of the following?\nAction\nQuery"): keep them on the one line.
            var lines = error.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var message = lines.Length == 1 ? lines[0] : lines[0] + " " + string.Join(", ", lines[1..]) + ".";
            await environment.Error.WriteLineAsync($"integry: {message} (see '{command} --help')").ConfigureAwait(false);
            return ExitCodes.RejectedOrBadInput;
        }

        var configuration = new InvocationConfiguration
        {
            Output = environment.Output,
            Error = environment.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = environment.HandleSignals ? TimeSpan.FromSeconds(5) : null,
        };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException exception)
        {
            await environment.Error.WriteLineAsync($"integry: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.RejectedOrBadInput;
        }
        catch (ArgumentException exception)
        {
            // The client refuses malformed input (a function name that is not one) before sending anything.
            await environment.Error.WriteLineAsync($"integry: {Messages.WithoutParameter(exception)}").ConfigureAwait(false);
            return ExitCodes.RejectedOrBadInput;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Error;
        }
        catch (IntegryException exception)
        {
            await environment.Error.WriteLineAsync($"integry: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (IOException exception)
        {
            await environment.Error.WriteLineAsync($"integry: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }
}
