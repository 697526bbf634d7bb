using System.CommandLine;
using System.Text.Json;

namespace Integry.Tool;

/// <summary><c>integry functions list|get</c>: the user's functions, as Integry's wire JSON or a table.</summary>
internal static class FunctionsCommand
{
    public static Command Build(CliEnvironment environment)
    {
        var command = new Command("functions", "List or get Integry functions.");
        command.Subcommands.Add(BuildList(environment));
        command.Subcommands.Add(BuildGet(environment));
        return command;
    }

    private static Command BuildList(CliEnvironment environment)
    {
        var client = new ClientOptions(environment);
        var type = new Option<FunctionType>("--type") { Description = "Action, Query or Passthrough.", DefaultValueFactory = _ => FunctionType.Passthrough };
        var app = new Option<string?>("--app") { Description = "Only this app's functions." };
        var search = new Option<string?>("--search") { Description = "Only functions matching this text." };
        var connectedOnly = new Option<bool>("--connected-only") { Description = "Only functions of apps the user connected." };
        var command = new Command("list", "List the user's functions of one type.") { type, app, search, connectedOnly };
        client.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var integry = client.CreateClient(parseResult);
            var filters = new ListFunctionsOptions { App = parseResult.GetValue(app), Search = parseResult.GetValue(search), ConnectedOnly = parseResult.GetValue(connectedOnly) };
            var functions = await integry.ListFunctionsAsync(parseResult.GetValue(type), filters, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(client.Table))
            {
                TableWriter.Write(environment.Output, ["NAME", "DESCRIPTION"], functions.Select(function => new[] { function.Name, function.Description }));
            }
            else
            {
                await environment.Output.WriteLineAsync(JsonText.WriteList("functions", functions, WriteFunction)).ConfigureAwait(false);
            }

            return ExitCodes.Executed;
        });
        return command;
    }

    private static Command BuildGet(CliEnvironment environment)
    {
        var client = new ClientOptions(environment);
        var name = new Argument<string>("name") { Description = "The function's name, such as slack-post-message." };
        var command = new Command("get", "Get one function: its description and the JSON Schema of its parameters.") { name };
        client.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var integry = client.CreateClient(parseResult);
            var function = await GetAsync(integry, parseResult.GetValue(name)!, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(client.Table))
            {
                var parameters = function.Parameters.ValueKind == JsonValueKind.Object && function.Parameters.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
                    ? string.Join(", ", properties.EnumerateObject().Select(property => property.Name))
                    : string.Empty;
                TableWriter.Write(environment.Output, ["NAME", "DESCRIPTION", "PARAMETERS"], [[function.Name, function.Description, parameters]]);
            }
            else
            {
                await environment.Output.WriteLineAsync(JsonText.Write(writer => WriteFunction(writer, function))).ConfigureAwait(false);
            }

            return ExitCodes.Executed;
        });
        return command;
    }

    /// <summary>Gets a function; an unknown name is bad input (exit 2), not an error, as for <see cref="AppsCommand.GetAsync"/>.</summary>
    private static async Task<IntegryFunction> GetAsync(IntegryClient integry, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await integry.GetFunctionAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (IntegryNotFoundException)
        {
            throw new UsageException($"there is no function named '{Integry.Sdk.Excerpt.Of(name, 200)}' (see 'integry functions list').");
        }
    }

    private static void WriteFunction(Utf8JsonWriter writer, IntegryFunction function)
    {
        writer.WriteStartObject();
        writer.WriteString("name", function.Name);
        writer.WriteString("description", function.Description);
        writer.WritePropertyName("parameters");
        function.Parameters.WriteTo(writer);
        if (function.Meta is { } meta)
        {
            writer.WriteStartObject("meta");
            if (meta.Type is { } type)
            {
                writer.WriteString("type", type);
            }

            if (meta.App is { } app)
            {
                writer.WriteStartObject("app");
                writer.WriteString("name", app.Name);
                writer.WriteString("title", app.Title);
                writer.WriteEndObject();
            }

            foreach (var (member, value) in meta.AdditionalProperties ?? [])
            {
                writer.WritePropertyName(member);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
