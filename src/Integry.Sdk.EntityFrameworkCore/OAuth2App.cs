namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>How to refresh one app's OAuth2 tokens: its token endpoint and your OAuth client.</summary>
public sealed class OAuth2App
{
    /// <summary>Gets the app's slug, such as <c>xero</c>.</summary>
    public required string App { get; init; }

    /// <summary>Gets the app's token endpoint, such as <c>https://identity.xero.com/connect/token</c>.</summary>
    public required Uri TokenEndpoint { get; init; }

    /// <summary>Gets your OAuth client's id at the app.</summary>
    public required string ClientId { get; init; }

    /// <summary>Gets your OAuth client's secret, or <see langword="null"/> for a public client.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>Gets a value indicating whether the client id and secret go in the form body rather than an
    /// <c>Authorization: Basic</c> header (some providers accept only one of the two).</summary>
    public bool SendClientCredentialsInBody { get; init; }

    /// <summary>Gets the scope to ask for, or <see langword="null"/> to keep the grant's own scope.</summary>
    public string? Scope { get; init; }

    /// <summary>Names the app and endpoint, never the client secret.</summary>
    /// <returns>The app, the endpoint and the client id.</returns>
    public override string ToString() => $"OAuth2App {{ App = {App}, TokenEndpoint = {TokenEndpoint}, ClientId = {ClientId}, ClientSecret = {(ClientSecret is null ? "(none)" : "redacted")} }}";
}
