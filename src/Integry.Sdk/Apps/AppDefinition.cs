namespace Integry.Sdk;

/// <summary>
/// What the local executor knows about one app: where its API lives and how it expects credentials. Credentials are
/// sent only to <see cref="Hosts"/>.
/// </summary>
/// <remarks>
/// Hosts and <see cref="BaseUrl"/> may hold tenant variables such as <c>{subdomain}.zendesk.com</c>; they are filled
/// from the connected account's <see cref="Credential.Metadata"/>, and each value must be a plain DNS name part.
/// A host <c>*.example.com</c> allows every sub-domain of <c>example.com</c> (not <c>example.com</c> itself).
/// </remarks>
public sealed record AppDefinition
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the app's slug, lower case, as Integry names it (<c>slack</c>); the function is <c>&lt;slug&gt;-passthrough-request</c>.</summary>
    public required string Slug { get; init; }

    /// <summary>Gets the app's name as people read it (<c>Slack</c>).</summary>
    public required string DisplayName { get; init; }

    /// <summary>Gets the hosts the app's API lives on: exact names, <c>*.</c> sub-domain patterns, or templates with <c>{variables}</c>.</summary>
    public required IReadOnlyList<string> Hosts { get; init; }

    /// <summary>Gets the URL relative request URLs are resolved against (<c>https://slack.com/api/</c>), or <see langword="null"/> when callers must give absolute URLs.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Gets where a <see cref="Credential.BearerToken"/> goes; <c>Authorization: Bearer</c> by default, <see langword="null"/> when the app takes none.</summary>
    public CredentialPlacement? BearerTokenPlacement { get; init; } = CredentialPlacement.AuthorizationBearer;

    /// <summary>Gets where a <see cref="Credential.ApiKey"/> goes, or <see langword="null"/> when the app takes no API key.</summary>
    public CredentialPlacement? ApiKeyPlacement { get; init; }

    /// <summary>Gets a value indicating whether the app accepts <see cref="Credential.Basic"/> authentication.</summary>
    public bool AcceptsBasic { get; init; }

    /// <summary>Gets headers the API requires on every request (<c>Notion-Version</c>).</summary>
    public IReadOnlyDictionary<string, string> DefaultHeaders { get; init; } = NoHeaders;

    /// <summary>
    /// Gets the header that makes a POST or PATCH safe to retry (Stripe's <c>Idempotency-Key</c>). When set, the executor
    /// sends one new key per call, the same on every attempt, and retries those methods too; when <see langword="null"/>
    /// it never retries them.
    /// </summary>
    public string? IdempotencyHeader { get; init; }

    /// <summary>Gets the headers the app reports its rate limit in, or <see langword="null"/> when it reports none.</summary>
    public RateLimitHeaders? RateLimit { get; init; }

    /// <summary>Gets where the halves of a <see cref="Credential.Basic"/> credential go when not in <c>Authorization: Basic</c> (Customer.guru's JSON body), or <see langword="null"/>.</summary>
    public BasicCredentialPlacement? BasicPlacement { get; init; }

    /// <summary>Gets the AWS Signature Version 4 signing of a <see cref="Credential.Basic"/> access key (Amazon SES), or <see langword="null"/>.</summary>
    public AwsSignatureV4? AwsSignature { get; init; }

    /// <summary>Gets how the app's API pages its lists (for <see cref="IntegryClient.PaginateAsync"/>), or <see langword="null"/> when not declared.</summary>
    public PaginationDeclaration? Pagination { get; init; }

    /// <summary>Gets what to do when the app redirects outside its hosts; by default the redirect is followed without the credential.</summary>
    public ForeignRedirectPolicy ForeignRedirects { get; init; }

    /// <summary>
    /// Gets a value indicating whether the app's API may live on a loopback or private address and be reached over plain http.
    /// Only for your own local services, tests and the emulator; never for a public app.
    /// </summary>
    public bool AllowLocalNetwork { get; init; }

    /// <summary>Gets the name of the passthrough function of this app.</summary>
    public string FunctionName => PassthroughFunctionName.For(Slug);
}
