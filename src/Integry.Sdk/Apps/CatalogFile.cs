using System.Text.Json.Serialization;

namespace Integry.Sdk.Apps;

/// <summary>The built-in catalog as stored in <c>Apps/apps.json</c>: data, not code, so entries are reviewed as facts.</summary>
internal sealed class CatalogFile
{
    [JsonPropertyName("apps")]
    public List<CatalogFileApp> Apps { get; set; } = [];
}

/// <summary>One app of <c>apps.json</c>.</summary>
internal sealed class CatalogFileApp
{
    [JsonPropertyName("slug")]
    public string Slug { get; set; } = string.Empty;

    [JsonPropertyName("displayName")]
    public string DisplayName { get; set; } = string.Empty;

    [JsonPropertyName("hosts")]
    public List<string> Hosts { get; set; } = [];

    [JsonPropertyName("baseUrl")]
    public string? BaseUrl { get; set; }

    /// <summary>Where a bearer token goes when not <c>Authorization: Bearer</c>.</summary>
    [JsonPropertyName("bearer")]
    public CatalogFilePlacement? Bearer { get; set; }

    /// <summary>Whether the app takes no bearer token at all.</summary>
    [JsonPropertyName("noBearer")]
    public bool NoBearer { get; set; }

    [JsonPropertyName("apiKey")]
    public CatalogFilePlacement? ApiKey { get; set; }

    [JsonPropertyName("basic")]
    public bool Basic { get; set; }

    [JsonPropertyName("defaultHeaders")]
    public Dictionary<string, string>? DefaultHeaders { get; set; }

    [JsonPropertyName("idempotencyHeader")]
    public string? IdempotencyHeader { get; set; }

    [JsonPropertyName("rateLimit")]
    public CatalogFileRateLimit? RateLimit { get; set; }

    /// <summary>Where the facts come from: the API's own documentation.</summary>
    [JsonPropertyName("docs")]
    public string? Docs { get; set; }

    public AppDefinition ToDefinition() => new()
    {
        Slug = Slug,
        DisplayName = DisplayName,
        Hosts = Hosts,
        BaseUrl = BaseUrl,
        BearerTokenPlacement = NoBearer ? null : Bearer?.ToPlacement() ?? CredentialPlacement.AuthorizationBearer,
        ApiKeyPlacement = ApiKey?.ToPlacement(),
        AcceptsBasic = Basic,
        DefaultHeaders = DefaultHeaders is null ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) : new Dictionary<string, string>(DefaultHeaders, StringComparer.OrdinalIgnoreCase),
        IdempotencyHeader = IdempotencyHeader,
        RateLimit = RateLimit is null ? null : new RateLimitHeaders { Remaining = RateLimit.Remaining, Reset = RateLimit.Reset, ResetFormat = RateLimit.ResetFormat },
    };
}

/// <summary>A credential placement in <c>apps.json</c>: <c>{"header": "X-Key", "format": "Token {value}"}</c> or <c>{"query": "api_key"}</c>.</summary>
internal sealed class CatalogFilePlacement
{
    [JsonPropertyName("header")]
    public string? Header { get; set; }

    [JsonPropertyName("format")]
    public string? Format { get; set; }

    [JsonPropertyName("query")]
    public string? Query { get; set; }

    public CredentialPlacement ToPlacement() =>
        Header is not null ? CredentialPlacement.Header(Header, Format ?? CredentialPlacement.ValueToken)
        : Query is not null ? CredentialPlacement.Query(Query)
        : throw new InvalidOperationException("A placement in apps.json needs 'header' or 'query'.");
}

/// <summary>Rate-limit headers in <c>apps.json</c>.</summary>
internal sealed class CatalogFileRateLimit
{
    [JsonPropertyName("remaining")]
    public string Remaining { get; set; } = string.Empty;

    [JsonPropertyName("reset")]
    public string? Reset { get; set; }

    [JsonPropertyName("resetFormat")]
    [JsonConverter(typeof(JsonStringEnumConverter<RateLimitResetFormat>))]
    public RateLimitResetFormat ResetFormat { get; set; }
}
