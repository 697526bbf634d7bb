using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integry.Sdk;

/// <summary>A function Integry can run, as listed by <see cref="IntegryClient.ListFunctionsAsync"/>, got by
/// <see cref="IntegryClient.GetFunctionAsync"/> or predicted by <see cref="IntegryClient.PredictFunctionsAsync"/>.</summary>
public sealed record IntegryFunction
{
    /// <summary>Gets the function's name, the one to pass to <see cref="IntegryClient.InvokeFunctionAsync(string, FunctionArguments, InvokeFunctionOptions?, CancellationToken)"/>.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Gets what the function does.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Gets the JSON Schema of the function's arguments.</summary>
    [JsonPropertyName("parameters")]
    public JsonElement Parameters { get; init; }

    /// <summary>Gets information for showing the function (its app, its type) when it was asked for with <c>IncludeMeta</c>.</summary>
    [JsonPropertyName("meta")]
    public IntegryFunctionMeta? Meta { get; init; }

    /// <summary>Gets the arguments predicted from a prompt, when one was given; they may hold <c>{tag}</c> references to <c>_variables</c>.</summary>
    [JsonPropertyName("arguments")]
    public JsonElement? Arguments { get; init; }
}
