namespace Integry.Sdk;

/// <summary>What a <see cref="ICredentialProvider"/> is asked for: one user's credential for one app.</summary>
/// <remarks>A class rather than parameters so fields can be added without breaking providers.</remarks>
public sealed class CredentialRequest
{
    /// <summary>Gets the end user the call is made for.</summary>
    public required string UserId { get; init; }

    /// <summary>Gets the app's slug, such as <c>slack</c>.</summary>
    public required string App { get; init; }

    /// <summary>Gets the connected account the caller named, or <see langword="null"/> for the user's default account of the app.</summary>
    public string? ConnectedAccountId { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{UserId} / {App} / {ConnectedAccountId ?? "(default account)"}";
}
