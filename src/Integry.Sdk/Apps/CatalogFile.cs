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

    /// <summary>Where a Basic credential's halves go when not in <c>Authorization: Basic</c>.</summary>
    [JsonPropertyName("basicPlacement")]
    public CatalogFileBasicPlacement? BasicPlacement { get; set; }

    /// <summary>AWS Signature Version 4 signing of a Basic access key.</summary>
    [JsonPropertyName("awsSignature")]
    public CatalogFileAwsSignature? AwsSignature { get; set; }

    [JsonPropertyName("defaultHeaders")]
    public Dictionary<string, string>? DefaultHeaders { get; set; }

    [JsonPropertyName("idempotencyHeader")]
    public string? IdempotencyHeader { get; set; }

    [JsonPropertyName("rateLimit")]
    public CatalogFileRateLimit? RateLimit { get; set; }

    /// <summary>How the app's API pages its lists.</summary>
    [JsonPropertyName("pagination")]
    public CatalogFilePagination? Pagination { get; set; }

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
        Pagination = Pagination?.ToDeclaration(),
        BasicPlacement = BasicPlacement is null ? null : new BasicCredentialPlacement(BasicPlacement.UserName.ToPlacement(), BasicPlacement.Password.ToPlacement()),
        AwsSignature = AwsSignature is null ? null : new AwsSignatureV4 { Service = AwsSignature.Service },
    };
}

/// <summary>A credential placement in <c>apps.json</c>: <c>{"header": "X-Key", "format": "Token {value}"}</c>, <c>{"query": "api_key"}</c> or <c>{"body": "key"}</c>.</summary>
internal sealed class CatalogFilePlacement
{
    [JsonPropertyName("header")]
    public string? Header { get; set; }

    [JsonPropertyName("format")]
    public string? Format { get; set; }

    [JsonPropertyName("query")]
    public string? Query { get; set; }

    [JsonPropertyName("body")]
    public string? Body { get; set; }

    public CredentialPlacement ToPlacement() =>
        Header is not null ? CredentialPlacement.Header(Header, Format ?? CredentialPlacement.ValueToken)
        : Query is not null ? CredentialPlacement.Query(Query)
        : Body is not null ? CredentialPlacement.JsonBody(Body)
        : throw new InvalidOperationException("A placement in apps.json needs 'header', 'query' or 'body'.");
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

/// <summary>A pagination declaration in <c>apps.json</c>: <c>{"style": "Cursor", "next": "/next_cursor", "cursorParameter": "cursor"}</c>.</summary>
internal sealed class CatalogFilePagination
{
    [JsonPropertyName("style")]
    [JsonConverter(typeof(JsonStringEnumConverter<PaginationStyle>))]
    public PaginationStyle Style { get; set; }

    [JsonPropertyName("items")]
    public string? Items { get; set; }

    [JsonPropertyName("next")]
    public string? Next { get; set; }

    [JsonPropertyName("cursorItemField")]
    public string? CursorItemField { get; set; }

    [JsonPropertyName("cursorParameter")]
    public string? CursorParameter { get; set; }

    [JsonPropertyName("cursorBodyField")]
    public string? CursorBodyField { get; set; }

    [JsonPropertyName("hasMore")]
    public string? HasMore { get; set; }

    [JsonPropertyName("lastPage")]
    public string? LastPage { get; set; }

    [JsonPropertyName("total")]
    public string? Total { get; set; }

    [JsonPropertyName("offsetParameter")]
    public string? OffsetParameter { get; set; }

    [JsonPropertyName("limitParameter")]
    public string? LimitParameter { get; set; }

    [JsonPropertyName("pageParameter")]
    public string? PageParameter { get; set; }

    [JsonPropertyName("firstPage")]
    public int FirstPage { get; set; } = 1;

    /// <summary>The docs page that describes the pagination.</summary>
    [JsonPropertyName("docs")]
    public string? Docs { get; set; }

    public PaginationDeclaration ToDeclaration() => new()
    {
        Style = Style,
        ItemsPath = Items,
        NextPath = Next,
        CursorItemField = CursorItemField,
        CursorParameter = CursorParameter,
        CursorBodyField = CursorBodyField,
        HasMorePath = HasMore,
        LastPagePath = LastPage,
        TotalPath = Total,
        OffsetParameter = OffsetParameter,
        LimitParameter = LimitParameter,
        PageParameter = PageParameter,
        FirstPage = FirstPage,
        Docs = Docs,
    };
}

/// <summary>Where a Basic credential's halves go in <c>apps.json</c>: <c>{"userName": {"body": "api_token"}, "password": {"body": "api_secret"}}</c>.</summary>
internal sealed class CatalogFileBasicPlacement
{
    [JsonPropertyName("userName")]
    public CatalogFilePlacement UserName { get; set; } = new();

    [JsonPropertyName("password")]
    public CatalogFilePlacement Password { get; set; } = new();
}

/// <summary>AWS Signature Version 4 in <c>apps.json</c>: <c>{"service": "ses"}</c>.</summary>
internal sealed class CatalogFileAwsSignature
{
    [JsonPropertyName("service")]
    public string Service { get; set; } = string.Empty;
}
