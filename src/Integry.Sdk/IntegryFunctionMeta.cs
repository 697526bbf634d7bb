using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integry.Sdk;

/// <summary>
/// What Integry adds to a function when asked with <c>include=meta</c>: information for showing the function in a user
/// interface, such as its app and type.
/// </summary>
/// <remarks>
/// Integry does not document every member; the ones it sends that this type does not name are kept in
/// <see cref="AdditionalProperties"/>, so nothing is lost.
/// </remarks>
public sealed class IntegryFunctionMeta
{
    /// <summary>Gets the function's type, such as <c>ACTION</c>, <c>QUERY</c> or <c>PASSTHROUGH</c>, when given.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>Gets the app the function belongs to (its name, title and icon), when given.</summary>
    [JsonPropertyName("app")]
    public IntegryApp? App { get; init; }

    /// <summary>Gets the other members Integry sent, by name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
