using System.Text.Json.Serialization;
using Integry.Sdk.Serialization;

namespace Integry.Sdk;

/// <summary>An app Integry connects to, with the accounts the user has connected, as <c>POST apps/{name}/get/</c> answers.</summary>
/// <remarks>
/// Reads Integry's documented JSON: a numeric <c>id</c> (kept here as text), URLs that may be empty strings, and
/// members this type does not know are ignored.
/// </remarks>
public sealed class IntegryApp
{
    /// <summary>Gets Integry's id of the app, such as <c>491</c>; read from a number or a string.</summary>
    [JsonPropertyName("id")]
    [JsonConverter(typeof(FlexibleIdConverter))]
    public string Id { get; init; } = string.Empty;

    /// <summary>Gets the app's slug, such as <c>slack</c>: the name its functions start with.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Gets the app's name as people read it, such as <c>Slack</c>.</summary>
    [JsonPropertyName("title")]
    public string Title { get; init; } = string.Empty;

    /// <summary>Gets the address of the app's icon; empty when there is none.</summary>
    [JsonPropertyName("icon_url")]
    public string? IconUrl { get; init; }

    /// <summary>Gets the address of the app's documentation at Integry; empty when there is none.</summary>
    [JsonPropertyName("docs_url")]
    public string? DocsUrl { get; init; }

    /// <summary>Gets the address that starts connecting an account; empty or absent when Integry does not give one.</summary>
    [JsonPropertyName("login_url")]
    public string? LoginUrl { get; init; }

    /// <summary>Gets a value indicating whether a user may connect several accounts of this app.</summary>
    [JsonPropertyName("allow_multiple_connected_accounts")]
    public bool AllowMultipleConnectedAccounts { get; init; }

    /// <summary>Gets the accounts of this app the user has connected; empty when none.</summary>
    [JsonPropertyName("connected_accounts")]
    public IReadOnlyList<ConnectedAccount> ConnectedAccounts { get; init; } = [];

    /// <summary>Gets a value indicating whether the user has connected at least one account of this app.</summary>
    [JsonIgnore]
    public bool IsConnected => ConnectedAccounts.Count > 0;

    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Title}), {ConnectedAccounts.Count} connected account(s)";
}
