using System.Diagnostics.CodeAnalysis;
using Integry.Sdk.Apps;

namespace Integry.Sdk;

/// <summary>The apps the local executor can reach, by slug. Immutable: <see cref="With"/> returns a new catalog.</summary>
public sealed class AppCatalog
{
    private static readonly Lazy<AppCatalog> BuiltInCatalog = new(() => new AppCatalog(BuiltInApps.All));

    private readonly Dictionary<string, CatalogEntry> _entries;
    private AppDefinition[]? _sorted;

    /// <summary>Creates a catalog of the given apps; a later app with the same slug replaces an earlier one.</summary>
    /// <param name="apps">The apps.</param>
    /// <exception cref="ArgumentException">An app is not valid (bad slug, host or base URL); the message says which and why.</exception>
    public AppCatalog(IEnumerable<AppDefinition> apps)
    {
        ArgumentNullException.ThrowIfNull(apps);
        _entries = new Dictionary<string, CatalogEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var app in apps)
        {
            var entry = CatalogEntry.Create(app);
            _entries[entry.Definition.Slug] = entry;
        }
    }

    private AppCatalog(Dictionary<string, CatalogEntry> entries) => _entries = entries;

    /// <summary>Gets the catalog that ships with the SDK.</summary>
    public static AppCatalog BuiltIn => BuiltInCatalog.Value;

    /// <summary>Gets the number of apps.</summary>
    public int Count => _entries.Count;

    /// <summary>Gets every app, ordered by slug.</summary>
    public IReadOnlyList<AppDefinition> Apps => _sorted ??= _entries.Values.Select(entry => entry.Definition).OrderBy(app => app.Slug, StringComparer.Ordinal).ToArray();

    /// <summary>Returns a catalog with these apps added, replacing any with the same slug.</summary>
    /// <param name="apps">The apps to add or replace.</param>
    /// <returns>The new catalog; this one is unchanged.</returns>
    public AppCatalog With(IEnumerable<AppDefinition> apps)
    {
        ArgumentNullException.ThrowIfNull(apps);
        var entries = new Dictionary<string, CatalogEntry>(_entries, StringComparer.OrdinalIgnoreCase);
        foreach (var app in apps)
        {
            var entry = CatalogEntry.Create(app);
            entries[entry.Definition.Slug] = entry;
        }

        return new AppCatalog(entries);
    }

    /// <summary>Finds an app by its slug.</summary>
    /// <param name="slug">The slug, such as <c>slack</c>.</param>
    /// <param name="app">The app, when found.</param>
    /// <returns><see langword="true"/> when the catalog has the app.</returns>
    public bool TryGetApp(string slug, [NotNullWhen(true)] out AppDefinition? app)
    {
        ArgumentNullException.ThrowIfNull(slug);
        app = _entries.TryGetValue(slug, out var entry) ? entry.Definition : null;
        return app is not null;
    }

    internal CatalogEntry? FindEntry(string slug) => _entries.GetValueOrDefault(slug);

    /// <summary>Finds an app by a slice of a function's name: on .NET 9 and later without a new string per call.</summary>
    internal CatalogEntry? FindEntry(ReadOnlySpan<char> slug)
    {
#if NET9_0_OR_GREATER
        return _entries.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(slug, out var entry) ? entry : null;
#else
        return _entries.GetValueOrDefault(slug.ToString());
#endif
    }
}
