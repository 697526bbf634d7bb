using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Integry.Sdk.AI;

/// <summary>
/// One Integry function as a <see cref="Microsoft.Extensions.AI"/> tool: Integry's name, description and parameters
/// schema, invoked through an <see cref="IntegryClient"/> for one user (its policies included). The tool returns the
/// call's wire JSON, the executed <c>output</c> or the rejection with its <c>error_details</c>, so a model can read what
/// went wrong and correct its call; bad arguments never throw out of the tool.
/// </summary>
public sealed class IntegryAIFunction : AIFunction
{
    private static readonly JsonElement EmptyObjectSchema = Parse("""{"type":"object","properties":{}}""");

    private readonly IntegryClient _client;
    private readonly string? _connectedAccountId;
    private readonly Lazy<SchemaCheck> _check;

    /// <summary>Creates the tool for one function.</summary>
    /// <param name="client">The client for the user the tool acts for (see <see cref="IntegryClient.ForUser"/>), with its policies.</param>
    /// <param name="function">The function, as Integry lists it.</param>
    /// <param name="connectedAccountId">The connected account every call uses, when the user has several for the app.</param>
    /// <exception cref="ArgumentException">The function has no name.</exception>
    public IntegryAIFunction(IntegryClient client, IntegryFunction function, string? connectedAccountId = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentException.ThrowIfNullOrWhiteSpace(function.Name, nameof(function));
        _client = client;
        Function = function;
        _connectedAccountId = connectedAccountId;
        JsonSchema = function.Parameters.ValueKind == JsonValueKind.Object ? function.Parameters : EmptyObjectSchema;
        _check = new Lazy<SchemaCheck>(() => new SchemaCheck(JsonSchema));
    }

    /// <summary>Gets the Integry function this tool runs.</summary>
    public IntegryFunction Function { get; }

    /// <inheritdoc />
    public override string Name => Function.Name;

    /// <inheritdoc />
    public override string Description => Function.Description ?? string.Empty;

    /// <inheritdoc />
    public override JsonElement JsonSchema { get; }

    /// <summary>Runs the function and returns the call's wire JSON.</summary>
    /// <param name="arguments">The model's arguments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A <see cref="JsonElement"/>: <c>{"network_code", "output"}</c> when the function ran, <c>{"error", "error_details"}</c> when it did not.</returns>
    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var json = ToolArguments.ToJson(arguments, JsonSerializerOptions, out var unreadable);
        if (json is not { } element)
        {
            return Wire(Result.Rejected.InvalidArguments(unreadable!));
        }

        if (_check.Value.Problems(element) is { } problems)
        {
            return Wire(Result.Rejected.InvalidArguments(problems));
        }

        Result result;
        try
        {
            result = await _client.InvokeFunctionAsync(Name, element, new InvokeFunctionOptions { ConnectedAccountId = _connectedAccountId }, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException exception)
        {
            // The client refuses some arguments before sending (such as _variables in the wrong place): the model's to fix.
            result = Result.Rejected.InvalidArguments(new Dictionary<string, string>(StringComparer.Ordinal) { [exception.ParamName ?? "arguments"] = exception.Message });
        }

        return Wire(result);
    }

    private static JsonElement Wire(Result result) => Parse(result.ToJson());

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
