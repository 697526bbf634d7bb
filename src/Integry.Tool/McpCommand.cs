using System.CommandLine;
using System.Reflection;
using Integry.Sdk.Mcp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Integry.Tool;

/// <summary>
/// <c>integry mcp --user ID</c>: an MCP server over stdio whose tools are the user's Integry functions (Integry.Sdk.Mcp),
/// filtered by the policy flags. Stdout carries only MCP's JSON-RPC; logs go to stderr. It stops when stdin ends, on
/// Ctrl+C or on SIGTERM.
/// </summary>
internal static class McpCommand
{
    public static Command Build(CliEnvironment environment)
    {
        var client = new ClientOptions(environment);
        var policy = new PolicyOptions();
        var type = new Option<FunctionType?>("--type") { Description = "Only functions of this type: Action, Query or Passthrough (default: actions and queries)." };
        var app = new Option<string?>("--app") { Description = "Only this app's functions." };
        var search = new Option<string?>("--search") { Description = "Only functions matching this text." };
        var prompt = new Option<string?>("--prompt") { Description = "Only the functions Integry predicts for this prompt (not with --search)." };
        var connectedOnly = new Option<bool>("--connected-only") { Description = "Only functions of apps the user connected." };
        var includePassthrough = new Option<bool>("--include-passthrough") { Description = "Offer passthrough functions (raw HTTP to the app) too; pair it with a policy." };
        var account = new Option<string?>("--account") { Description = "The connected account every tool call uses." };
        var verbose = new Option<bool>("--verbose") { Description = "Log the server's information messages to stderr (default: warnings only)." };
        var command = new Command("mcp", "Serve the user's Integry functions as MCP tools over stdio (stdout is MCP's JSON-RPC only; logs on stderr) until stdin ends, Ctrl+C or SIGTERM.")
        {
            type, app, search, prompt, connectedOnly, includePassthrough, account, verbose,
        };
        client.AddTo(command, table: false);
        policy.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(search) is not null && parseResult.GetValue(prompt) is not null)
            {
                throw new UsageException("--search and --prompt both pick functions: give one of them.");
            }

            if (parseResult.GetValue(prompt) is { } text && string.IsNullOrWhiteSpace(text))
            {
                throw new UsageException("--prompt is empty.");
            }

            var rules = policy.Create(parseResult);
            var integry = client.CreateClient(parseResult);
            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ApplicationName = "integry-mcp" });
            builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
            builder.Logging.SetMinimumLevel(parseResult.GetValue(verbose) ? LogLevel.Information : LogLevel.Warning);
            builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
            builder.Services.AddSingleton(integry);
            builder.Services.AddMcpServer(options => options.ServerInfo = new() { Name = "integry", Version = Version })
                .WithStdioServerTransport()
                .AddIntegryMcpTools(options =>
                {
                    options.UserId = integry.UserId;
                    options.Policy = rules;
                    options.Tools.Type = parseResult.GetValue(type);
                    options.Tools.App = parseResult.GetValue(app);
                    options.Tools.Search = parseResult.GetValue(search);
                    options.Tools.Prompt = parseResult.GetValue(prompt);
                    options.Tools.ConnectedOnly = parseResult.GetValue(connectedOnly);
                    options.Tools.IncludePassthrough = parseResult.GetValue(includePassthrough);
                    options.Tools.ConnectedAccountId = parseResult.GetValue(account);
                });
            using var host = builder.Build();
            try
            {
                // Returns when stdin ends (the MCP server stops the host) or the command is cancelled (Ctrl+C, SIGTERM).
                await host.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopped while starting: as clean as stopping later.
            }

            return ExitCodes.Executed;
        });
        return command;
    }

    private static string Version =>
        typeof(McpCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
