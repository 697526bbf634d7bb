namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>
/// The credential of one connected account, encrypted at rest, with the concurrency token that makes refreshes a
/// compare-and-swap across every instance sharing the database.
/// </summary>
/// <remarks>Mapped by <see cref="ModelBuilderExtensions.ApplyIntegryCredentials"/> to the table <c>IntegryCredentials</c>.</remarks>
public sealed class IntegryStoredCredential
{
    /// <summary>Gets or sets the id of the connected account the credential belongs to (the key).</summary>
    public string ConnectedAccountId { get; set; } = string.Empty;

    /// <summary>Gets or sets the kind of credential: <c>bearer</c>, <c>api_key</c>, <c>basic</c> or <c>custom</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>Gets or sets the credential's values and metadata, encrypted by the <see cref="ICredentialProtector"/>; never plain text.</summary>
    public string ProtectedValue { get; set; } = string.Empty;

    /// <summary>Gets or sets when the access token expires (UTC), when it says.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Gets or sets the concurrency token: every change of the row increments it, and an update that read an older one fails.</summary>
    public long Version { get; set; }

    /// <summary>Gets or sets who is refreshing the credential now, so other instances wait instead of spending the refresh token.</summary>
    public string? RefreshLeaseHolder { get; set; }

    /// <summary>Gets or sets when the current refresh lease lapses (UTC), so a crashed instance does not block refreshes for ever.</summary>
    public DateTimeOffset? RefreshLeaseExpiresAt { get; set; }

    /// <summary>Gets or sets when the credential was last stored (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
