using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Integry.Sdk.Apps;

/// <summary>
/// One entry of <see cref="AppDefinition.Hosts"/>, parsed: an exact host, a <c>*.</c> wildcard, or a template, each
/// optionally with a port (<c>127.0.0.1:5001</c>, <c>[::1]:5001</c>, <c>api.example.com:8443</c>). A port is part of
/// the app's identity: an entry without one allows only the default port (or the base URL's, for the base URL's host).
/// </summary>
internal sealed partial class HostPattern
{
    private HostPattern(string text, bool isWildcard, IReadOnlyList<string> variables, int? port)
    {
        Text = text;
        IsWildcard = isWildcard;
        Variables = variables;
        Port = port;
    }

    /// <summary>Gets the pattern without its <c>*.</c> prefix, lower case.</summary>
    public string Text { get; }

    public bool IsWildcard { get; }

    public IReadOnlyList<string> Variables { get; }

    /// <summary>Gets the one port this entry allows, or <see langword="null"/> when it names none.</summary>
    public int? Port { get; }

    public static HostPattern Parse(string pattern, bool allowLocalNetwork, string slug)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            throw new ArgumentException($"App '{slug}' has an empty host.");
        }

        var text = pattern.Trim().ToLowerInvariant();
        var port = SplitPort(ref text, pattern, slug);
        var isWildcard = text.StartsWith("*.", StringComparison.Ordinal);
        if (isWildcard)
        {
            text = text[2..];
        }

        var variables = VariableRegex().Matches(text).Select(match => match.Groups[1].Value).ToArray();
        var sample = VariableRegex().Replace(text, "tenant");
        var isIpLiteral = System.Net.IPAddress.TryParse(CatalogEntry.WithoutBrackets(sample), out _);
        if (isIpLiteral ? !allowLocalNetwork || isWildcard || variables.Length > 0 : !IsDnsName(sample))
        {
            throw new ArgumentException($"App '{slug}' has an invalid host '{pattern}': use a DNS name, '*.domain' or a template such as '{{subdomain}}.example.com'.");
        }

        if (isWildcard && !IsRegistrableDomain(text))
        {
            throw new ArgumentException($"App '{slug}' has a host pattern '{pattern}' that is too broad: a wildcard needs one company's domain under it, not a public suffix.");
        }

        // A template may only add labels in front of a fixed domain of the vendor: "{x}.com" or "api.{x}" would let a
        // tenant value send the credential to anybody's host.
        if (variables.Length > 0 && !IsRegistrableDomain(text[(text.LastIndexOf('}') + 1)..].TrimStart('.')))
        {
            throw new ArgumentException($"App '{slug}' has a host template '{pattern}' that does not end in a fixed domain such as '{{subdomain}}.example.com'.");
        }

        return new HostPattern(text, isWildcard, variables, port);
    }

    /// <summary>Takes a trailing <c>:port</c> off the entry (after <c>]</c> for an IPv6 literal).</summary>
    private static int? SplitPort(ref string text, string pattern, string slug)
    {
        var colon = text.LastIndexOf(':');
        if (colon < 0 || (text.StartsWith('[') && colon < text.IndexOf(']', StringComparison.Ordinal)))
        {
            return null;
        }

        // A bare IPv6 literal ("::1") has colons but no port; it must be written in brackets to carry one.
        if (!text.StartsWith('[') && text.IndexOf(':') != colon)
        {
            return null;
        }

        var digits = text[(colon + 1)..];
        if (digits.Length is 0 or > 5 || !digits.All(char.IsAsciiDigit) || int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) is < 1 or > 65535)
        {
            throw new ArgumentException($"App '{slug}' has a host '{pattern}' with an invalid port: write 'host:port' with a port from 1 to 65535.");
        }

        var port = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        text = text[..colon];
        return port;
    }

    /// <summary>Fills the template's variables from the connected account's metadata.</summary>
    /// <returns><see langword="null"/> with <paramref name="problem"/> set when a value is missing or not a DNS name part.</returns>
    public string? Resolve(IReadOnlyDictionary<string, string> metadata, [NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (Variables.Count == 0)
        {
            return Text;
        }

        string? failure = null;
        var resolved = VariableRegex().Replace(Text, match =>
        {
            var name = match.Groups[1].Value;
            if (!metadata.TryGetValue(name, out var value) || string.IsNullOrWhiteSpace(value))
            {
                failure ??= $"The connected account has no '{name}', which the app's host needs.";
                return string.Empty;
            }

            if (!IsTenantValue(value))
            {
                failure ??= $"The connected account's '{name}' is not a valid host name part.";
                return string.Empty;
            }

            return value.ToLowerInvariant();
        });
        problem = failure;
        return failure is null ? resolved : null;
    }

    public static bool Matches(string resolvedPattern, bool isWildcard, string host) =>
        isWildcard
            ? host.Length > resolvedPattern.Length + 1
              && host.EndsWith(resolvedPattern, StringComparison.OrdinalIgnoreCase)
              && host[host.Length - resolvedPattern.Length - 1] == '.'
            // Both are lower case as a rule: the exact comparison (cheaper) answers first.
            : string.Equals(host, resolvedPattern, StringComparison.Ordinal) || string.Equals(host, resolvedPattern, StringComparison.OrdinalIgnoreCase);

    /// <summary>A fixed domain one company can own: two labels or more, and not a multi-label public suffix.</summary>
    private static bool IsRegistrableDomain(string domain) =>
        domain.Split('.') is { Length: >= 2 } labels
        && labels.All(label => label.Length > 0 && !label.Contains('{', StringComparison.Ordinal))
        && !(labels.Length == 2 && MultiLabelPublicSuffixes.Contains(domain));

    private static readonly HashSet<string> MultiLabelPublicSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp", "ne.jp", "or.jp", "com.br", "com.cn",
        "co.in", "co.il", "co.kr", "co.za", "com.mx", "com.sg", "com.tr", "com.ar", "com.hk", "com.tw", "co.id", "com.my", "com.sa",
    };

    public static bool IsDnsName(string host) => host.Length <= 253 && DnsNameRegex().IsMatch(host);

    /// <summary>A tenant value may only add DNS labels in front of the template's fixed domain.</summary>
    public static bool IsTenantValue(string value) => value.Length <= 120 && DnsNameRegex().IsMatch(value);

    [GeneratedRegex(@"\{([a-z_][a-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    internal static partial Regex VariableRegex();

    [GeneratedRegex(@"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DnsNameRegex();
}
