using System.Diagnostics.CodeAnalysis;

namespace Integry.Sdk.Apps;

/// <summary>An <see cref="AppDefinition"/> checked and parsed once, when the catalog is built.</summary>
internal sealed class CatalogEntry
{
    private const string SampleTenant = "tenant";

    private CatalogEntry(AppDefinition definition, HostPattern[] hosts)
    {
        Definition = definition;
        Hosts = hosts;
    }

    public AppDefinition Definition { get; }

    public HostPattern[] Hosts { get; }

    /// <summary>Gets or sets what the passthrough target check worked out once for this app (its origins that do not
    /// depend on the account), kept here so each call reads a field rather than a weak table; set on first use.</summary>
    public object? FixedOrigins { get; set; }

    public static CatalogEntry Create(AppDefinition app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (string.IsNullOrWhiteSpace(app.Slug) || !IsSlug(app.Slug))
        {
            throw new ArgumentException($"App slug '{app.Slug}' is not valid: use lower-case letters, digits, '-', '_' or '.', as Integry names apps.");
        }

        if (string.IsNullOrWhiteSpace(app.DisplayName))
        {
            throw new ArgumentException($"App '{app.Slug}' needs a display name.");
        }

        if (app.Hosts is null || app.Hosts.Count == 0)
        {
            throw new ArgumentException($"App '{app.Slug}' lists no hosts: a credential may only go to the app's own hosts.");
        }

        // The catalog keeps its own frozen copy, so a caller's later change to a list or dictionary changes nothing.
        app = app with
        {
            Hosts = Array.AsReadOnly(app.Hosts.ToArray()),
            DefaultHeaders = new Dictionary<string, string>(app.DefaultHeaders, StringComparer.OrdinalIgnoreCase).AsReadOnly(),
        };
        var hosts = app.Hosts.Select(host => HostPattern.Parse(host, app.AllowLocalNetwork, app.Slug)).ToArray();
        var entry = new CatalogEntry(app, hosts);
        if (app.BaseUrl is not null)
        {
            var sample = HostPattern.VariableRegex().Replace(app.BaseUrl, SampleTenant);
            if (!Uri.TryCreate(sample, UriKind.Absolute, out var baseUrl)
                || !(baseUrl.Scheme == Uri.UriSchemeHttps || (app.AllowLocalNetwork && baseUrl.Scheme == Uri.UriSchemeHttp))
                || !string.IsNullOrEmpty(baseUrl.Query) || !string.IsNullOrEmpty(baseUrl.Fragment) || !string.IsNullOrEmpty(baseUrl.UserInfo))
            {
                throw new ArgumentException($"App '{app.Slug}' has an invalid base URL '{app.BaseUrl}': it must be an absolute https URL without query or fragment.");
            }

            var sampleMetadata = hosts.SelectMany(host => host.Variables).Distinct().ToDictionary(name => name, _ => SampleTenant);
            if (!entry.TryResolveHosts(sampleMetadata, out var resolved, out _) || !resolved.Allows(HostOf(baseUrl)))
            {
                throw new ArgumentException($"App '{app.Slug}' has a base URL '{app.BaseUrl}' whose host is not one of its hosts.");
            }

            if (!resolved.AllowsOrigin(baseUrl, baseUrl))
            {
                throw new ArgumentException($"App '{app.Slug}' has a base URL '{app.BaseUrl}' whose port is not the port its host entry names.");
            }
        }

        return entry;
    }

    /// <summary>Fills the hosts' tenant variables for one connected account.</summary>
    /// <remarks>A template whose variable the account lacks is left out; a value that is present but unsafe fails the whole call.</remarks>
    public bool TryResolveHosts(IReadOnlyDictionary<string, string> metadata, [NotNullWhen(true)] out ResolvedHosts? resolved, [NotNullWhen(false)] out string? problem)
    {
        var patterns = new List<(string Host, bool IsWildcard, int? Port)>(Hosts.Length);
        string? missing = null;
        foreach (var pattern in Hosts)
        {
            var absent = pattern.Variables.FirstOrDefault(name => !metadata.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value));
            if (absent is not null)
            {
                missing ??= $"The connected account has no '{absent}', which the app's host needs.";
                continue;
            }

            var host = pattern.Resolve(metadata, out var unsafeValue);
            if (host is null)
            {
                resolved = null;
                problem = unsafeValue!;
                return false;
            }

            patterns.Add((host, pattern.IsWildcard, pattern.Port));
        }

        if (patterns.Count == 0)
        {
            resolved = null;
            problem = missing ?? "The app has no hosts.";
            return false;
        }

        problem = null;
        resolved = new ResolvedHosts([.. patterns]);
        return true;
    }

    /// <summary>Fills the base URL's tenant variables; <see langword="null"/> with a problem when a value is missing or unsafe.</summary>
    public Uri? ResolveBaseUrl(IReadOnlyDictionary<string, string> metadata, out string? problem)
    {
        problem = null;
        if (Definition.BaseUrl is not { } template)
        {
            return null;
        }

        string? failure = null;
        var text = HostPattern.VariableRegex().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (!metadata.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
            {
                failure ??= $"The connected account has no '{name}', which the app's base URL needs.";
                return SampleTenant;
            }

            if (!HostPattern.IsTenantValue(value))
            {
                failure ??= $"The connected account's '{name}' is not a valid host name part.";
                return SampleTenant;
            }

            return value.ToLowerInvariant();
        });
        problem = failure;
        return failure is null ? new Uri(text, UriKind.Absolute) : null;
    }

    /// <summary>The URI's host as the catalog compares it: the IDNA (punycode) form, lower case, IPv6 without brackets.</summary>
    internal static string HostOf(Uri uri) => WithoutBrackets(uri.IdnHost).ToLowerInvariant();

    /// <summary>A host without the brackets of an IPv6 literal (<c>[::1]</c> is <c>::1</c>); any other host as it is.</summary>
    internal static string WithoutBrackets(string host) => host.Trim(HostBrackets);

    // One array for every call: a Trim('[', ']') allocates its own.
    private static readonly char[] HostBrackets = ['[', ']'];

    /// <summary>Like <see cref="HostOf"/>, for a URI from outside: <see cref="Uri.IdnHost"/> throws for a host that parsed
    /// but is not a valid international domain name (one with a byte order mark, say).</summary>
    internal static bool TryHostOf(Uri uri, [NotNullWhen(true)] out string? host)
    {
        try
        {
            host = HostOf(uri);
            return true;
        }
        catch (UriFormatException)
        {
            host = null;
            return false;
        }
    }

    private static bool IsSlug(string slug)
    {
        foreach (var c in slug)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return char.IsAsciiLetterOrDigit(slug[0]);
    }
}

/// <summary>An app's hosts for one connected account, with every tenant variable filled.</summary>
internal sealed class ResolvedHosts((string Host, bool IsWildcard, int? Port)[] patterns)
{
    /// <summary>Whether the host (lower case, IPv6 literals without brackets or with) is one of the app's, whatever the port.</summary>
    public bool Allows(string host)
    {
        foreach (var (pattern, isWildcard, _) in patterns)
        {
            if (Matches(pattern, isWildcard, host))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether the URI's origin (scheme, host and port) is one of the app's: the port an entry names; without one, the
    /// base URL's scheme and port for the base URL's own host, and the scheme's default port for any other host.
    /// </summary>
    /// <param name="target">The URI; its scheme was checked before (https, or http for an app on the local network).</param>
    /// <param name="baseUrl">The app's base URL for this account, or <see langword="null"/>.</param>
    public bool AllowsOrigin(Uri target, Uri? baseUrl) =>
        AllowsOrigin(target, CatalogEntry.HostOf(target), baseUrl, baseUrl is null ? null : CatalogEntry.HostOf(baseUrl));

    /// <summary><see cref="AllowsOrigin(Uri, Uri?)"/> with both hosts read already (an app's fixed base URL keeps its own:
    /// no host string per call).</summary>
    /// <param name="target">The URI.</param>
    /// <param name="host">Its host as the catalog compares it.</param>
    /// <param name="baseUrl">The app's base URL for this account, or <see langword="null"/>.</param>
    /// <param name="baseHost">The base URL's host as the catalog compares it (<see cref="CatalogEntry.HostOf"/>).</param>
    public bool AllowsOrigin(Uri target, string host, Uri? baseUrl, string? baseHost)
    {
        foreach (var (pattern, isWildcard, port) in patterns)
        {
            if (!Matches(pattern, isWildcard, host))
            {
                continue;
            }

            var allowed = port is { } named
                ? target.Port == named
                : baseUrl is not null && (string.Equals(baseHost, host, StringComparison.Ordinal) || string.Equals(baseHost, host, StringComparison.OrdinalIgnoreCase))
                    ? string.Equals(target.Scheme, baseUrl.Scheme, StringComparison.OrdinalIgnoreCase) && target.Port == baseUrl.Port
                    : target.Port == (target.Scheme == Uri.UriSchemeHttp ? 80 : 443);
            if (allowed)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Matches(string pattern, bool isWildcard, string host) =>
        HostPattern.Matches(pattern, isWildcard, host)
        || (host.StartsWith('[') && HostPattern.Matches(pattern, isWildcard, CatalogEntry.WithoutBrackets(host)))
        || (pattern.StartsWith('[') && HostPattern.Matches(CatalogEntry.WithoutBrackets(pattern), isWildcard, host));
}
