using System.Net;
using Integry.Sdk.Apps;

namespace Integry.Sdk.Passthrough;

/// <summary>Turns the caller's URL into the one request URI the credential may go to, or says why it may not.</summary>
internal static class PassthroughTarget
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata = new Dictionary<string, string>();


    /// <summary>Resolves a relative URL against the app's base URL and checks scheme, host, port and user information.</summary>
    /// <returns>The URI, or <see langword="null"/> with <paramref name="problem"/> set (a message about <c>url</c>).</returns>
    public static Uri? Resolve(string url, CatalogEntry app, Credential credential, out string? problem)
    {
        var definition = app.Definition;
        Uri target;
        if (LooksAbsolute(url))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var absolute))
            {
                problem = "Is not a valid absolute URL.";
                return null;
            }

            target = absolute;
        }
        else
        {
            var (baseUrl, _) = BaseOf(app, credential, out var baseProblem);
            if (baseProblem is not null)
            {
                problem = baseProblem;
                return null;
            }

            if (baseUrl is null)
            {
                problem = $"Must be an absolute https URL: {definition.DisplayName} has no base URL for relative paths.";
                return null;
            }

            if (HasDotSegment(url))
            {
                problem = "Must not contain '.' or '..' path segments: a relative path extends the app's base URL.";
                return null;
            }

            // A relative path extends the base URL's path, whether or not it starts with '/'.
            if (!Uri.TryCreate(baseUrl, url.TrimStart('/'), out var combined))
            {
                problem = "Is not a valid relative URL.";
                return null;
            }

            target = combined;
        }

        problem = CheckTarget(target, app, credential);
        return problem is null ? target : null;
    }

    /// <summary>
    /// Checks that a URI, the first one or a redirect's, is an origin of this app (scheme, host and port) a credential may
    /// go to. The same rule holds for every app, local ones included: another port of the same host is another origin.
    /// </summary>
    public static string? CheckTarget(Uri target, CatalogEntry app, Credential credential)
    {
        var definition = app.Definition;
        if (!string.IsNullOrEmpty(target.UserInfo))
        {
            return "Must not carry user information ('user:password@'): the SDK adds the user's credential.";
        }

        if (target.Scheme != Uri.UriSchemeHttps && !(definition.AllowLocalNetwork && target.Scheme == Uri.UriSchemeHttp))
        {
            return target.Scheme == Uri.UriSchemeHttp
                ? $"Must use https: credentials are never sent over plain http ({definition.DisplayName})."
                : $"Must be an https URL; the '{target.Scheme}' scheme is not supported.";
        }

        if (!CatalogEntry.TryHostOf(target, out var host))
        {
            return "Is not a valid URL: its host is not a valid domain name.";
        }

        var isIpLiteral = target.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6;
        if (isIpLiteral && !definition.AllowLocalNetwork)
        {
            return $"Must name {definition.DisplayName}'s host, not an IP address.";
        }

        if (!TryHostsOf(app, credential, out var hosts, out var hostProblem))
        {
            return hostProblem;
        }

        var (baseUrl, baseHost) = BaseOf(app, credential, out _);
        // The origin first: it holds for the usual URL, and needs its host to be one of the app's. Only a refused origin
        // asks which of the two failed, for the message.
        var allowed = hosts.AllowsOrigin(target, host, baseUrl, baseHost);
        if (!allowed && !hosts.Allows(host))
        {
            return $"The host '{Excerpt.Of(host, 100)}' is not one of {definition.DisplayName}'s hosts ({string.Join(", ", definition.Hosts)}): credentials are sent only to the app's own hosts.";
        }

        if (!allowed)
        {
            return $"Port {target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)} ({target.Scheme}) is not one of {definition.DisplayName}'s: credentials are sent only to the app's own origins (scheme, host and port).";
        }

        if (isIpLiteral && !definition.AllowLocalNetwork && IPAddress.TryParse(host, out var address) && !NetworkAddressPolicy.IsPublic(address))
        {
            return "Must not point at a private, loopback or link-local address.";
        }

        return null;
    }

    private static bool TryHostsOf(CatalogEntry app, Credential credential, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ResolvedHosts? hosts, out string? problem)
    {
        if (FixedOf(app) is { Hosts: { } fixedHosts })
        {
            (hosts, problem) = (fixedHosts, null);
            return true;
        }

        return app.TryResolveHosts(credential.Metadata, out hosts, out problem);
    }

    /// <summary>A base URL's host as the catalog compares it; <see langword="null"/> (matching no host) when it is not a valid domain name.</summary>
    private static string? BaseHostOf(Uri baseUrl) => CatalogEntry.TryHostOf(baseUrl, out var host) ? host : null;

    /// <summary>The app's base URL for this account and its host: kept with the app when it has no tenant variables.</summary>
    private static (Uri? Url, string? Host) BaseOf(CatalogEntry app, Credential credential, out string? problem)
    {
        if (FixedOf(app) is { BaseUrlIsFixed: true } fixedOrigins)
        {
            problem = null;
            return (fixedOrigins.BaseUrl, fixedOrigins.BaseHost);
        }

        return app.ResolveBaseUrl(credential.Metadata, out problem) is { } resolved ? (resolved, BaseHostOf(resolved)) : (null, null);
    }

    /// <summary>An app's hosts and base URL when they have no tenant variables: the same for every account, resolved once
    /// per app (two threads may both resolve them the first time; the results are equal).</summary>
    private static Fixed FixedOf(CatalogEntry app) => app.FixedOrigins as Fixed ?? (Fixed)(app.FixedOrigins = Fixed.Of(app));

    /// <summary>Whether the URI names a loopback, private or link-local address literally.</summary>
    public static bool IsPrivateAddressLiteral(Uri target) =>
        target.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
        && IPAddress.TryParse(CatalogEntry.WithoutBrackets(target.IdnHost), out var address)
        && !NetworkAddressPolicy.IsPublic(address);

    private static bool HasDotSegment(string url)
    {
        // Segment by segment over the path's span: only a segment with an escape is decoded (into a string), so the usual
        // path costs no string per call.
        var path = url.AsSpan(0, url.IndexOf('?', StringComparison.Ordinal) is var query and >= 0 ? query : url.Length);
        while (true)
        {
            var slash = path.IndexOf('/');
            var segment = slash >= 0 ? path[..slash] : path;
            if (segment.Contains('%') ? Uri.UnescapeDataString(segment.ToString()) is "." or ".." : segment is "." or "..")
            {
                return true;
            }

            if (slash < 0)
            {
                return false;
            }

            path = path[(slash + 1)..];
        }
    }

    private static bool LooksAbsolute(string url)
    {
        // Absolute only when everything before the first ':' is a scheme (RFC 3986: a letter, then letters, digits,
        // '+', '-' or '.'), so "search?query=from:me" stays relative; "/path" must not parse as a Unix file URI.
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(url[0]))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(url[i]) || url[i] is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What of an app's origins does not depend on the account: hosts without variables, a base URL without them.</summary>
    private sealed record Fixed(ResolvedHosts? Hosts, bool BaseUrlIsFixed, Uri? BaseUrl)
    {
        /// <summary>Gets the base URL's host as the catalog compares it.</summary>
        public string? BaseHost { get; } = BaseUrl is null ? null : BaseHostOf(BaseUrl);

        public static Fixed Of(CatalogEntry entry)
        {
            var hosts = Array.TrueForAll(entry.Hosts, static host => host.Variables.Count == 0)
                && entry.TryResolveHosts(NoMetadata, out var resolved, out _) ? resolved : null;
            var baseUrlIsFixed = entry.Definition.BaseUrl is not { } template || !template.Contains('{', StringComparison.Ordinal);
            string? problem = null;
            var baseUrl = baseUrlIsFixed ? entry.ResolveBaseUrl(NoMetadata, out problem) : null;
            return new Fixed(hosts, baseUrlIsFixed && problem is null, baseUrl);
        }
    }
}
