namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>One connected account of an app for one end user, as stored in your database.</summary>
/// <remarks>Mapped by <see cref="ModelBuilderExtensions.ApplyIntegryCredentials"/> to the table <c>IntegryConnectedAccounts</c>.</remarks>
public sealed class IntegryConnectedAccount
{
    /// <summary>Gets or sets the connected account's id, unique in the store.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the end user who connected the account.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>Gets or sets the app's slug in lower case, such as <c>slack</c>.</summary>
    public string App { get; set; } = string.Empty;

    /// <summary>Gets or sets when the account was connected (UTC); the user's first account of an app is the default one.</summary>
    public DateTimeOffset ConnectedAt { get; set; }

    /// <summary>Gets or sets a value indicating whether the user must connect the account again (the token endpoint refused the grant).</summary>
    public bool ReconnectRequired { get; set; }

    /// <summary>Gets or sets the account's credential.</summary>
    public IntegryStoredCredential? Credential { get; set; }
}
