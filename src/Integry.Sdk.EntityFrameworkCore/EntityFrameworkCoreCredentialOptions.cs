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
    /// Default 25 milliseconds, in real time whatever <see cref="TimeProvider"/> is; the call's deadline bounds the wait.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Gets or sets the clock that stamps and judges refresh leases (and, for the OAuth2 refresher registered by
    /// dependency injection, turns <c>expires_in</c> into an expiry); the container's <see cref="System.TimeProvider"/>, else
    /// the system clock, when <see langword="null"/>. Waits between looks at the database are real time, so a virtual clock
    /// that nobody moves (a FakeTimeProvider in tests) cannot stall them.</summary>
    public TimeProvider? TimeProvider { get; set; }
}
