namespace Integry.Sdk.Tests.Policy;

/// <summary>
/// The policy table: rule, request, decision. Every row is a test (<see cref="PolicyTableTests"/>) and the same rows
/// are printed into docs/policy.md, so the table cannot drift from what the code does.
/// </summary>
internal static class PolicyTable
{
    /// <summary>HubSpot contacts, read-only: the issue's own example of "this agent may read HubSpot contacts, nothing else".</summary>
    public static readonly PassthroughPolicy Contacts = new(apps: ["hubspot"], pathPrefixes: ["/crm/v3/objects/contacts"], readOnly: true);

    /// <summary>Slack: read conversations and post messages, with a glob in a segment.</summary>
    public static readonly PassthroughPolicy Slack = new(apps: ["slack"], methods: ["GET", "POST"], pathPrefixes: ["/api/conversations.*", "/api/chat.postMessage"]);

    /// <summary>Multi-segment globs.</summary>
    public static readonly PassthroughPolicy Globs = new(apps: ["hubspot"], pathPrefixes: ["/crm/v3/objects/*/search", "/crm/**/associations"]);

    /// <summary>Non-passthrough functions only.</summary>
    public static readonly PassthroughPolicy Functions = new(functions: ["slack-post-message", "hubspot-get-*"]);

    public static readonly Dictionary<string, PassthroughPolicy> Policies = new()
    {
        ["contacts"] = Contacts,
        ["slack"] = Slack,
        ["globs"] = Globs,
        ["functions"] = Functions,
    };

    /// <summary>Policy, function, method, URL, expected rule (null: allowed), what the row shows.</summary>
    public static readonly (string Policy, string Function, string Method, string Url, PolicyRule? Rule, string Why)[] Rows =
    [
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts", null, "the prefix itself"),
        ("contacts", "hubspot", "GET", "crm/v3/objects/contacts?limit=10", null, "relative URL resolved against https://api.hubapi.com/; the query is not the path"),
        ("contacts", "hubspot", "GET", "https://api.hubapi.com/crm/v3/objects/contacts/123", null, "absolute URL below the prefix"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/", null, "trailing slash"),
        ("contacts", "hubspot", "GET", "/CRM/V3/Objects/Contacts", null, "case-insensitive comparison"),
        ("contacts", "hubspot", "GET", "HTTPS://API.HUBAPI.COM/crm/v3/objects/contacts", null, "upper-case scheme and host"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/%63ontacts", null, "a percent-encoded letter decodes to the same path"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/./123", null, "a literal '.' segment is removed"),
        ("contacts", "hubspot", "HEAD", "/crm/v3/objects/contacts", null, "read-only allows HEAD"),
        ("contacts", "hubspot", "options", "/crm/v3/objects/contacts", null, "read-only allows OPTIONS, method case ignored"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/../../../settings", PolicyRule.PathPrefixes, "dot segments resolved: the path is /crm/settings"),
        ("contacts", "hubspot", "GET", "https://api.hubapi.com/crm/v3/objects/contacts/../../owners", PolicyRule.PathPrefixes, "dot segments in an absolute URL: /crm/v3/owners"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/..%2f..%2f..%2fsettings", PolicyRule.CanonicalPath, "encoded '/' (%2f)"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts%2fsecret", PolicyRule.CanonicalPath, "encoded '/' inside a segment"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/%2e%2e/%2e%2e/%2e%2e/settings", PolicyRule.CanonicalPath, "encoded dot segments (%2e%2e)"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/%2E%2E/settings", PolicyRule.CanonicalPath, "encoded dot segments, upper-case hex"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/.%2e/settings", PolicyRule.CanonicalPath, "half-encoded dot segment"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/%252e%252e/settings", PolicyRule.CanonicalPath, "double-encoded dot segment (%252e)"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/%25252f../settings", PolicyRule.CanonicalPath, "triple-encoded '/'"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/%2525252e/x", PolicyRule.CanonicalPath, "encoded four times over"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/..;/..;/settings", PolicyRule.CanonicalPath, "dot segment with ';' parameters (Tomcat reads '..;' as '..')"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts\\..\\..\\settings", PolicyRule.CanonicalPath, "backslashes"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/%5c..%5csettings", PolicyRule.CanonicalPath, "encoded backslash (%5c)"),
        ("contacts", "hubspot", "GET", "/crm//v3/objects/contacts", PolicyRule.CanonicalPath, "double slash"),
        ("contacts", "hubspot", "GET", "//evil.example/crm/v3/objects/contacts", PolicyRule.CanonicalPath, "network-path reference ('//host')"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/%c0%ae%c0%ae/settings", PolicyRule.CanonicalPath, "overlong UTF-8 dots (%c0%ae)"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/\uFF0E\uFF0E/settings", PolicyRule.CanonicalPath, "fullwidth dots (U+FF0E), NFKC look-alike of '..'"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/%ef%bc%8e%ef%bc%8e/settings", PolicyRule.CanonicalPath, "percent-encoded fullwidth dots"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts/%00", PolicyRule.CanonicalPath, "encoded NUL"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contacts#/../../settings", PolicyRule.CanonicalPath, "fragment"),
        ("contacts", "hubspot", "GET", "ftp://api.hubapi.com/crm/v3/objects/contacts", PolicyRule.CanonicalPath, "scheme other than http(s)"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/contactsX", PolicyRule.PathPrefixes, "prefixes end at a segment boundary"),
        ("contacts", "hubspot", "GET", "/crm/v3/objects/companies?next=/crm/v3/objects/contacts", PolicyRule.PathPrefixes, "the allowed path in the query does not count"),
        ("contacts", "hubspot", "GET", "https://api.hubapi.com", PolicyRule.PathPrefixes, "no path is '/'"),
        ("contacts", "hubspot", "POST", "/crm/v3/objects/contacts", PolicyRule.ReadOnly, "read-only refuses POST"),
        ("contacts", "hubspot", "DELETE", "/crm/v3/objects/contacts/123", PolicyRule.ReadOnly, "read-only refuses DELETE"),
        ("contacts", "hubspot", " GET", "/crm/v3/objects/contacts", PolicyRule.ReadOnly, "a method with white space is not guessed"),
        ("contacts", "slack", "GET", "/api/conversations.list", PolicyRule.Apps, "another app"),
        ("contacts", "hubspot-get-contact", "GET", "-", PolicyRule.Functions, "a non-passthrough function not in the list"),
        ("slack", "slack", "GET", "conversations.list", null, "'*' within a segment; relative to https://slack.com/api/"),
        ("slack", "slack", "POST", "chat.postMessage", null, "an exact prefix, POST allowed by methods"),
        ("slack", "slack", "POST", "chat.delete", PolicyRule.PathPrefixes, "not a listed path"),
        ("slack", "slack", "PUT", "conversations.list", PolicyRule.Methods, "PUT is not in methods"),
        ("slack", "slack", "GET", "https://slack.com/api/conversations.history/../users.list", PolicyRule.PathPrefixes, "dot segments resolved before the glob"),
        ("globs", "hubspot", "POST", "/crm/v3/objects/deals/search", null, "'*' as a whole segment"),
        ("globs", "hubspot", "GET", "/crm/v4/objects/deals/123/associations/contacts", null, "'**' spans segments"),
        ("globs", "hubspot", "GET", "/crm/v3/objects/deals", PolicyRule.PathPrefixes, "shorter than the prefix"),
        ("functions", "hubspot-get-contact", "-", "-", null, "a function glob"),
        ("functions", "slack-post-message", "-", "-", null, "an exact function name"),
        ("functions", "hubspot-delete-contact", "-", "-", PolicyRule.Functions, "not in the function list"),
        ("functions", "slack", "GET", "https://slack.com/api/conversations.list", PolicyRule.Apps, "a function list allows no passthrough"),
    ];

    /// <summary>Policies refused at construction, with the words their message must carry.</summary>
    public static readonly (string What, Func<PassthroughPolicy> Build, string Message)[] Invalid =
    [
        ("empty policy", () => new PassthroughPolicy(), "The policy is empty"),
        ("empty app list", () => new PassthroughPolicy(apps: []), "app list is empty"),
        ("empty function list", () => new PassthroughPolicy(functions: []), "function list is empty"),
        ("read-only but only POST", () => new PassthroughPolicy(apps: ["hubspot"], methods: ["POST"], readOnly: true), "denies every passthrough"),
        ("limits without apps", () => new PassthroughPolicy(methods: ["GET"], functions: ["slack-post-message"]), "allows no app"),
        ("only limits, no app", () => new PassthroughPolicy(readOnly: true), "denies everything"),
        ("empty method list", () => new PassthroughPolicy(apps: ["hubspot"], methods: []), "method list is empty"),
        ("unknown method", () => new PassthroughPolicy(apps: ["hubspot"], methods: ["FETCH"]), "'FETCH' can never match"),
        ("empty path list", () => new PassthroughPolicy(apps: ["hubspot"], pathPrefixes: []), "path prefix list is empty"),
        ("path without '/'", () => new PassthroughPolicy(apps: ["hubspot"], pathPrefixes: ["crm/v3"]), "must start with '/'"),
        ("percent in a path", () => new PassthroughPolicy(apps: ["hubspot"], pathPrefixes: ["/crm/%2e%2e"]), "holds '%'"),
        ("dot segment in a path", () => new PassthroughPolicy(apps: ["hubspot"], pathPrefixes: ["/crm/../settings"]), "'.' or '..' segment"),
        ("'//' in a path", () => new PassthroughPolicy(apps: ["hubspot"], pathPrefixes: ["/crm//v3"]), "empty segment"),
        ("query in a path", () => new PassthroughPolicy(apps: ["hubspot"], pathPrefixes: ["/crm?limit=1"]), "'?' or '#'"),
        ("backslash in a path", () => new PassthroughPolicy(apps: ["hubspot"], pathPrefixes: ["/crm\\v3"]), "backslash"),
        ("'**' inside a segment", () => new PassthroughPolicy(apps: ["hubspot"], pathPrefixes: ["/crm/v3**"]), "whole segment"),
        ("app with a space", () => new PassthroughPolicy(apps: ["hub spot"]), "can never match"),
        ("blank entry", () => new PassthroughPolicy(apps: ["hubspot", " "]), "empty entry"),
        ("passthrough as a function", () => new PassthroughPolicy(functions: ["slack-passthrough-request"]), "apps: [\"slack\"]"),
    ];
}
