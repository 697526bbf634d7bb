using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Integry.Sdk.Remote;

namespace Integry.Tool;

/// <summary><c>integry apps list|get</c>: the apps Integry connects to and the user's connected accounts, as Integry's wire JSON or a table.</summary>
internal static class AppsCommand
{
    /// <summary>
    /// The SDK's own source-generated JSON of <see cref="IntegryApp"/> (the contract it reads Integry's answers with),
    /// indented for people: the printed shape cannot drift from the type.
    /// </summary>
    private static readonly ServerApiJsonContext Json = new(new JsonSerializerOptions(ServerApiJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static Command Build(CliEnvironment environment)
    {
        var command = new Command("apps", "List or get the apps, with the accounts the user has connected.");
        command.Subcommands.Add(BuildList(environment));
        command.Subcommands.Add(BuildGet(environment));
        return command;
    }

    private static Command BuildList(CliEnvironment environment)
    {
        var client = new ClientOptions(environment);
        var connectedOnly = new Option<bool>("--connected-only") { Description = "Only apps the user has connected." };
        var command = new Command("list", "List the apps (every page), each with the user's connected accounts.") { connectedOnly };
        client.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var integry = client.CreateClient(parseResult);
            var apps = await integry.ListAppsAsync(new ListAppsOptions { ConnectedOnly = parseResult.GetValue(connectedOnly) }, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(client.Table))
            {
                WriteTable(environment.Output, apps);
            }
            else
            {
                await environment.Output.WriteLineAsync(JsonSerializer.Serialize(new AppListPage { Apps = [.. apps] }, Json.AppListPage)).ConfigureAwait(false);
            }

            return ExitCodes.Executed;
        });
        return command;
    }

    private static Command BuildGet(CliEnvironment environment)
    {
        var client = new ClientOptions(environment);
        var name = new Argument<string>("name") { Description = "The app's slug, such as slack." };
        var command = new Command("get", "Get one app and the accounts of it the user has connected.") { name };
        client.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var integry = client.CreateClient(parseResult);
            var app = await GetAsync(integry, parseResult.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(client.Table))
            {
                WriteTable(environment.Output, [app]);
            }
            else
            {
                await environment.Output.WriteLineAsync(JsonSerializer.Serialize(app, Json.IntegryApp)).ConfigureAwait(false);
            }

            return ExitCodes.Executed;
        });
        return command;
    }

    /// <summary>Gets an app; an unknown or malformed name is bad input (exit 2), not an error.</summary>
    public static async Task<IntegryApp> GetAsync(IntegryClient integry, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await integry.GetAppAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (IntegryNotFoundException)
        {
            throw new UsageException($"there is no app named '{Integry.Sdk.Excerpt.Of(name, 200)}' (see 'integry apps list').");
        }
        catch (ArgumentException)
        {
            throw new UsageException($"'{Integry.Sdk.Excerpt.Of(name, 200)}' is not an app name: app names are slugs such as 'slack' (see 'integry apps list').");
        }
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<IntegryApp> apps) =>
        TableWriter.Write(output, ["NAME", "TITLE", "CONNECTED ACCOUNTS"], apps.Select(app => new[]
        {
            app.Name,
            app.Title,
            string.Join(", ", app.ConnectedAccounts.Select(account => account.ToString())),
        }));
}
