using System.Runtime.CompilerServices;

namespace Integry.Sdk.Passthrough;

/// <summary>
/// Keeps what a credential becomes for an app (its <see cref="CredentialParts"/>, and with them the forms
/// <see cref="CredentialEcho"/> looks for) for as long as the credential object lives, so a provider that hands out
/// the same object for every call (as the in-memory and caching providers do) costs the placements once, not per call.
/// </summary>
/// <remarks>
/// Keyed by the credential object itself (a <see cref="ConditionalWeakTable{TKey, TValue}"/>): nothing outlives the
/// credential, and a refreshed credential is a new object, so it never finds the stale one's parts.
/// </remarks>
internal static class CredentialPartsCache
{
    private static readonly ConditionalWeakTable<Credential, Entry> Entries = new();

    public static CredentialParts? PartsFor(AppDefinition app, Credential credential, out string? problem)
    {
        if (Entries.TryGetValue(credential, out var entry) && ReferenceEquals(entry.App, app))
        {
            problem = null;
            return entry.Parts;
        }

        var parts = CredentialInjector.Prepare(app, credential, out problem);
        if (parts is not null)
        {
            // The last app wins: a credential is almost always used with one app.
            Entries.AddOrUpdate(credential, new Entry(app, parts));
        }

        return parts;
    }

    private sealed record Entry(AppDefinition App, CredentialParts Parts);
}
