using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integry.Sdk;

/// <summary>A function Integry can run, as listed by <see cref="IntegryClient.ListFunctionsAsync"/>.</summary>
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

    /// <summary>Gets extra information (the app, its icon, the function type) when it was asked for with <see cref="ListFunctionsOptions.IncludeMeta"/>.</summary>
    [JsonPropertyName("meta")]
    public JsonElement? Meta { get; init; }

    /// <summary>Gets the arguments Integry predicted from a prompt, when one was given.</summary>
    [JsonPropertyName("arguments")]
    public JsonElement? Arguments { get; init; }
}
