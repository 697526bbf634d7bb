namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>Settings of <see cref="EntityFrameworkCoreCredentialProvider{TContext}"/>.</summary>
public sealed class EntityFrameworkCoreCredentialOptions
{
    /// <summary>Gets the OAuth2 apps whose tokens the store refreshes (registered through dependency injection).</summary>
    public IList<OAuth2App> OAuth2Apps { get; } = [];

    /// <summary>Gets or sets how long one instance may hold an account's refresh before another may take it over
    /// (an instance that crashed mid-refresh). Default 30 seconds.</summary>
    public TimeSpan RefreshLeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how often an instance waiting for another's refresh, or for a busy database, looks again.
    /// Default 25 milliseconds; the call's deadline bounds the wait.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Gets or sets the clock for leases and waits; the system clock when <see langword="null"/>.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
