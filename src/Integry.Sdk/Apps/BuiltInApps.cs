namespace Integry.Sdk.Apps;

/// <summary>
/// The apps that ship with the SDK, with facts from each API's own documentation: hosts, base URL, where credentials
/// go and the headers the API requires.
/// </summary>
internal static class BuiltInApps
{
    private static readonly CredentialPlacement BearerHeader = CredentialPlacement.AuthorizationBearer;

    public static IEnumerable<AppDefinition> All =>
    [
        new()
        {
            Slug = "slack", DisplayName = "Slack",
            Hosts = ["slack.com"], BaseUrl = "https://slack.com/api/",
            ApiKey = BearerHeader,
        },
        new()
        {
            // Company domains route to the right data centre; api.pipedrive.com serves every company.
            Slug = "pipedrive", DisplayName = "Pipedrive",
            Hosts = ["api.pipedrive.com", "*.pipedrive.com"], BaseUrl = "https://api.pipedrive.com/",
            ApiKey = CredentialPlacement.Header("x-api-token"),
            RateLimit = new("x-ratelimit-remaining", "x-ratelimit-reset", RateLimitResetFormat.SecondsFromNow),
        },
        new()
        {
            Slug = "hubspot", DisplayName = "HubSpot",
            Hosts = ["api.hubapi.com"], BaseUrl = "https://api.hubapi.com/",
            ApiKey = BearerHeader,
            RateLimit = new("X-HubSpot-RateLimit-Remaining"),
        },
        new()
        {
            Slug = "github", DisplayName = "GitHub",
            Hosts = ["api.github.com"], BaseUrl = "https://api.github.com/",
            ApiKey = BearerHeader,
            DefaultHeaders = Headers(("Accept", "application/vnd.github+json"), ("X-GitHub-Api-Version", "2022-11-28")),
            RateLimit = new("x-ratelimit-remaining", "x-ratelimit-reset", RateLimitResetFormat.UnixTimeSeconds),
        },
        new()
        {
            // The instance comes from the token response's instance_url; sandboxes are "name--sandbox.sandbox".
            Slug = "salesforce", DisplayName = "Salesforce",
            Hosts = ["{instance}.my.salesforce.com"], BaseUrl = "https://{instance}.my.salesforce.com/",
        },
        new()
        {
            Slug = "zendesk", DisplayName = "Zendesk",
            Hosts = ["{subdomain}.zendesk.com"], BaseUrl = "https://{subdomain}.zendesk.com/api/v2/",
            AcceptsBasic = true,
            IdempotencyHeader = "Idempotency-Key",
            RateLimit = new("x-rate-limit-remaining", "ratelimit-reset", RateLimitResetFormat.SecondsFromNow),
        },
        new()
        {
            Slug = "notion", DisplayName = "Notion",
            Hosts = ["api.notion.com"], BaseUrl = "https://api.notion.com/v1/",
            ApiKey = BearerHeader,
            DefaultHeaders = Headers(("Notion-Version", "2022-06-28")),
        },
        new()
        {
            Slug = "stripe", DisplayName = "Stripe",
            Hosts = ["api.stripe.com", "files.stripe.com"], BaseUrl = "https://api.stripe.com/",
            ApiKey = BearerHeader, AcceptsBasic = true,
            IdempotencyHeader = "Idempotency-Key",
        },
        new()
        {
            Slug = "airtable", DisplayName = "Airtable",
            Hosts = ["api.airtable.com"], BaseUrl = "https://api.airtable.com/v0/",
            ApiKey = BearerHeader,
        },
        new()
        {
            Slug = "asana", DisplayName = "Asana",
            Hosts = ["app.asana.com"], BaseUrl = "https://app.asana.com/api/1.0/",
            ApiKey = BearerHeader,
        },
        new()
        {
            // API keys go as Basic "apikey:X".
            Slug = "freshdesk", DisplayName = "Freshdesk",
            Hosts = ["{subdomain}.freshdesk.com"], BaseUrl = "https://{subdomain}.freshdesk.com/api/v2/",
            AcceptsBasic = true,
            RateLimit = new("X-RateLimit-Remaining"),
        },
        new()
        {
            // OAuth tokens call api.atlassian.com/ex/jira/{cloudId}/…; API tokens call the site with Basic email:token.
            Slug = "jira", DisplayName = "Jira",
            Hosts = ["api.atlassian.com", "{site}.atlassian.net"], BaseUrl = "https://{site}.atlassian.net/rest/api/3/",
            AcceptsBasic = true,
            RateLimit = new("X-RateLimit-Remaining", "X-RateLimit-Reset", RateLimitResetFormat.DateTime),
        },
        new()
        {
            // The data centre ("us6") is the API key's suffix, or the OAuth metadata's "dc".
            Slug = "mailchimp", DisplayName = "Mailchimp",
            Hosts = ["{dc}.api.mailchimp.com"], BaseUrl = "https://{dc}.api.mailchimp.com/3.0/",
            AcceptsBasic = true,
        },
        new()
        {
            Slug = "zoom", DisplayName = "Zoom",
            Hosts = ["api.zoom.us"], BaseUrl = "https://api.zoom.us/v2/",
            RateLimit = new("X-RateLimit-Remaining"),
        },
    ];

    private static Dictionary<string, string> Headers(params (string Name, string Value)[] headers) =>
        headers.ToDictionary(header => header.Name, header => header.Value, StringComparer.OrdinalIgnoreCase);
}
