namespace Integry.Sdk;

/// <summary>What <see cref="ICredentialProvider.ListConnectedAccountsAsync"/> is asked for: one user's accounts of one app.</summary>
/// <remarks>A class rather than parameters so fields can be added without breaking providers.</remarks>
public sealed class ConnectedAccountsRequest
{
    /// <summary>Gets the end user whose accounts to list.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the app's slug, such as <c>slack</c>.</summary>
    public required string App { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{UserId} / {App}";
}
