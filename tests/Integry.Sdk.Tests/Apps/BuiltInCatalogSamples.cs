using System.Text.RegularExpressions;

namespace Integry.Sdk.Tests.Apps;

/// <summary>
/// What the breadth tests need to know about the built-in catalog: the apps Integry documents, sample tenant values
/// for host templates, and host matching written independently of the SDK's own.
/// </summary>
internal static partial class BuiltInCatalogSamples
{
    /// <summary>The sample every tenant variable (<c>{subdomain}</c>, <c>{instance}</c>, ...) is filled with.</summary>
    public const string TenantValue = "acme";

    /// <summary>
    /// The slugs of the apps Integry's API documentation lists (section "Apps"), plus the confirmed <c>4me</c>. FTP (not
    /// an HTTP API) and Sendy (self-hosted only, no vendor domain) are left out; docs/apps.md says why.
    /// </summary>
    public static readonly IReadOnlyList<string> IntegryDocumentedSlugs =
    [
        "4me", "accelo", "activecampaign", "activetrail", "agile-crm", "aha", "aircall", "airtable", "amazon-ses", "asana",
        "basecamp3", "birdsend", "breezy-hr", "brevo", "campaign-monitor", "capsule-crm", "chargify", "cleverreach",
        "clicksend", "clickup", "cliengo", "coda", "constant-contact", "convertkit", "copper", "customer-guru",
        "customer-io", "delighted", "demio", "drip", "e-goi", "elastic-email", "eventbrite", "everaction", "everhour",
        "fireflies", "formstack", "freshdesk", "freshworks-crm", "front", "getresponse", "github", "google-contacts",
        "google-sheets", "gototraining", "groove", "help-scout", "hubspot", "insightly", "instantly", "jotform", "keap",
        "mailchimp-transactional", "mailjet", "mailup", "mautic", "meistertask", "monday-com", "moonmail", "moosend",
        "nimble", "notion", "ontraport", "pagerduty", "pipedrive", "pipeline", "ringcentral", "salesforce", "sendpulse",
        "servicetitan", "slack", "snappy", "solarwinds", "stripe", "surveysparrow", "teamgate", "unbounce", "zoho-books",
        "zoho-campaigns", "zoho-crm", "zoho-mail", "zoom", "jira", "mailchimp",
    ];

    public static IEnumerable<AppDefinition> Apps() => AppCatalog.BuiltIn.Apps;

    /// <summary>The tenant variables the app's hosts and base URL use.</summary>
    public static IReadOnlyList<string> Variables(AppDefinition app) =>
        app.Hosts.Append(app.BaseUrl ?? string.Empty)
            .SelectMany(text => VariableRegex().Matches(text).Select(match => match.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .ToArray();

    public static Dictionary<string, string> SampleMetadata(AppDefinition app) =>
        Variables(app).ToDictionary(name => name, _ => TenantValue, StringComparer.Ordinal);

    public static string Fill(string template) => VariableRegex().Replace(template, TenantValue);

    /// <summary>Whether a host is one of the app's hosts once the sample tenant values are filled in.</summary>
    public static bool IsOwnHost(AppDefinition app, string host) =>
        app.Hosts.Select(pattern => Fill(pattern).ToLowerInvariant()).Any(pattern =>
            pattern.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase) && host.Length > pattern.Length - 1
                : string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase));

    /// <summary>A concrete host for each of the app's host patterns: templates filled, wildcards given an <c>api.</c> label.</summary>
    public static IEnumerable<string> ConcreteHosts(AppDefinition app) =>
        app.Hosts.Select(pattern => Fill(pattern).ToLowerInvariant())
            .Select(pattern => pattern.StartsWith("*.", StringComparison.Ordinal) ? "api" + pattern[1..] : pattern)
            .Distinct(StringComparer.Ordinal);

    [GeneratedRegex(@"\{([a-z_][a-z0-9_]*)\}", RegexOptions.CultureInvariant)]
    public static partial Regex VariableRegex();

    /// <summary>A DNS name of two or more labels: letters, digits and inner hyphens, lower case.</summary>
    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$", RegexOptions.CultureInvariant)]
    public static partial Regex DnsNameRegex();

    /// <summary>What follows a template's last variable: a fixed domain of at least two labels (<c>.zendesk.com</c>, <c>-dsn.algolia.net</c>).</summary>
    [GeneratedRegex(@"^[a-z0-9-]*(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?){2,}$", RegexOptions.CultureInvariant)]
    public static partial Regex FixedDomainRegex();
}
