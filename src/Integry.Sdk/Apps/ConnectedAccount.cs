using System.Text.Json.Serialization;
using Integry.Sdk.Serialization;

namespace Integry.Sdk;

/// <summary>One account of an app that a user has connected: its id is the connected account id a call may name.</summary>
/// <remarks>Never carries a credential: only the id, a name people read and when it last changed.</remarks>
public sealed class ConnectedAccount
{
    /// <summary>Gets the account's id, such as <c>247714</c>; read from a number or a string.</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(FlexibleIdConverter))]
    public required string Id { get; init; }

    /// <summary>Gets the account's name as people read it (an email address, a workspace name), when known.</summary>
    [JsonPropertyName("display_name")]
    public string? DisplayName { get; init; }

    /// <summary>Gets when the account was connected or last changed, when known.</summary>
    [JsonPropertyName("modified_at")]
    public DateTimeOffset? ModifiedAt { get; init; }

    /// <inheritdoc />
    public override string ToString() => DisplayName is null ? Id : $"{Id} ({DisplayName})";
}
