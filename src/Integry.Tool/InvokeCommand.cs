using System.CommandLine;
using System.Text.Json;

namespace Integry.Tool;

/// <summary><c>integry invoke NAME --args JSON|@file [--account ID]</c>: one function call, its result as Integry's wire JSON or a table.</summary>
internal static class InvokeCommand
{
    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement;

    public static Command Build(CliEnvironment environment)
    {
        var client = new ClientOptions(environment);
        var name = new Argument<string>("name") { Description = "The function's name, such as slack-passthrough-request." };
        var arguments = new Option<string?>("--args") { Description = "The arguments: a JSON object, or @file to read one from a file (default: {})." };
        var account = new Option<string?>("--account") { Description = "The connected account to use (default: the user's account of the app)." };
        var command = new Command("invoke", "Invoke a function for the user. Exit code: 0 executed 2xx, 1 executed other status, 2 rejected, 3 error.") { name, arguments, account };
        client.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            // Parse the arguments before anything is sent: bad JSON is one line and exit 2.
            var parsed = parseResult.GetValue(arguments) is { } json
                ? await JsonInput.ReadAsync(json, "--args", allowArray: false, cancellationToken).ConfigureAwait(false)
                : EmptyObject;
            var integry = client.CreateClient(parseResult);
            var result = await integry.InvokeFunctionAsync(parseResult.GetValue(name)!, parsed, parseResult.GetValue(account), cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(client.Table))
            {
                WriteTable(environment.Output, result);
            }
            else
            {
                await environment.Output.WriteLineAsync(result.ToJson()).ConfigureAwait(false);
            }

            return ExitCodes.Of(result);
        });
        return command;
    }

    private static void WriteTable(TextWriter output, Result result)
    {
        switch (result)
        {
            case Result.Executed executed:
                TableWriter.Write(output, ["RESULT", "NETWORK CODE"], [["executed", executed.NetworkCode.ToString(System.Globalization.CultureInfo.InvariantCulture)]]);
                output.WriteLine();
                output.WriteLine(JsonSerializer.Serialize(executed.Output, IndentedJson.Default.JsonElement));
                break;
            case Result.Rejected rejected:
                TableWriter.Write(output, ["RESULT", "ERROR"], [["rejected", rejected.Error]]);
                foreach (var detail in rejected.ErrorDetails)
                {
                    output.WriteLine($"- {detail}");
                }

                break;
        }
    }
}
