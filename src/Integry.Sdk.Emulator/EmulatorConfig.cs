using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integry.Sdk.Emulator;

/// <summary>What the emulator serves: the app key and secret it accepts, extra apps, and users with their connected accounts.</summary>
public sealed class EmulatorConfig
{
    /// <summary>The app key the emulator accepts when the config names none.</summary>
    public const string DefaultAppKey = "emulator-app-key";

    /// <summary>The app secret the emulator accepts when the config names none.</summary>
    public const string DefaultAppSecret = "emulator-app-secret";

    /// <summary>Gets or sets the app key requests must carry.</summary>
    public string AppKey { get; set; } = DefaultAppKey;

    /// <summary>Gets or sets the app secret the <c>Hash</c> is checked with.</summary>
    public string AppSecret { get; set; } = DefaultAppSecret;

    /// <summary>Gets or sets how many functions or apps a page holds (Integry: 50).</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>Gets or sets a value indicating whether the built-in app catalog is served too.</summary>
    public bool IncludeBuiltInApps { get; set; } = true;

    /// <summary>Gets apps to serve besides the built-in ones, such as local test services.</summary>
    public List<EmulatorApp> Apps { get; set; } = [];

    /// <summary>Gets the users and their connected accounts.</summary>
    public List<EmulatorUser> Users { get; set; } = [];

    /// <summary>Reads a config file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>The config.</returns>
    public static EmulatorConfig Load(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize(stream, EmulatorJsonContext.Default.EmulatorConfig)
            ?? throw new JsonException($"The emulator config '{path}' is empty.");
    }
}

/// <summary>An app the emulator serves, as <see cref="AppDefinition"/> in JSON form.</summary>
public sealed class EmulatorApp
{
    /// <summary>Gets or sets the slug.</summary>
    public required string Slug { get; set; }

    /// <summary>Gets or sets the display name.</summary>
    public required string DisplayName { get; set; }

    /// <summary>Gets or sets the API hosts.</summary>
    public required List<string> Hosts { get; set; }

    /// <summary>Gets or sets the base URL for relative paths.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>Gets or sets the header an API key goes in, if the app takes one that way.</summary>
    public string? ApiKeyHeader { get; set; }

    /// <summary>Gets or sets the query parameter an API key goes in, if the app takes one that way.</summary>
    public string? ApiKeyQuery { get; set; }

    /// <summary>Gets or sets a value indicating whether the app accepts Basic authentication.</summary>
    public bool AcceptsBasic { get; set; }

    /// <summary>Gets or sets a value indicating whether the app may live on loopback over http.</summary>
    public bool AllowLocalNetwork { get; set; }

    /// <summary>Gets or sets headers sent on every request.</summary>
    public Dictionary<string, string> DefaultHeaders { get; set; } = [];

    internal AppDefinition ToDefinition() => new()
    {
        Slug = Slug,
        DisplayName = DisplayName,
        Hosts = Hosts,
        BaseUrl = BaseUrl,
        ApiKeyPlacement = ApiKeyHeader is not null ? CredentialPlacement.Header(ApiKeyHeader) : ApiKeyQuery is not null ? CredentialPlacement.Query(ApiKeyQuery) : null,
        AcceptsBasic = AcceptsBasic,
        AllowLocalNetwork = AllowLocalNetwork,
        DefaultHeaders = DefaultHeaders,
    };
}

/// <summary>An end user of the emulated product.</summary>
public sealed class EmulatorUser
{
    /// <summary>Gets or sets the user id (<c>User-ID</c>).</summary>
    public required string Id { get; set; }

    /// <summary>Gets the user's connected accounts.</summary>
    public List<EmulatorAccount> Accounts { get; set; } = [];
}

/// <summary>One connected account of a user.</summary>
public sealed class EmulatorAccount
{
    /// <summary>Gets or sets the app's slug.</summary>
    public required string App { get; set; }

    /// <summary>Gets or sets the connected account id.</summary>
    public required string Id { get; set; }

    /// <summary>Gets or sets the account's name as people read it.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Gets or sets when the account was connected or last changed (<c>modified_at</c>); the emulator's start time when not set.</summary>
    public DateTimeOffset? ModifiedAt { get; set; }

    /// <summary>Gets or sets the stored credential.</summary>
    public required EmulatorCredential Credential { get; set; }

    /// <summary>Gets or sets tenant facts such as <c>subdomain</c>.</summary>
    public Dictionary<string, string> Metadata { get; set; } = [];
}

/// <summary>A stored credential in JSON form: <c>type</c> is <c>bearer</c>, <c>apiKey</c>, <c>basic</c> or <c>custom</c>.</summary>
public sealed class EmulatorCredential
{
    /// <summary>Gets or sets the kind of credential.</summary>
    public required string Type { get; set; }

    /// <summary>Gets or sets the bearer token.</summary>
    public string? Token { get; set; }

    /// <summary>Gets or sets when the bearer token expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Gets or sets the API key.</summary>
    public string? Key { get; set; }

    /// <summary>Gets or sets the Basic user name.</summary>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the Basic password.</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets custom headers.</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>Gets or sets custom query parameters.</summary>
    public Dictionary<string, string>? Query { get; set; }

    internal Credential ToCredential(IReadOnlyDictionary<string, string> metadata)
    {
        Credential credential = Type.ToLowerInvariant() switch
        {
            "bearer" => new Credential.BearerToken(Token ?? throw Missing("token"), ExpiresAt),
            "apikey" => new Credential.ApiKey(Key ?? throw Missing("key")),
            "basic" => new Credential.Basic(UserName ?? throw Missing("userName"), Password ?? string.Empty),
            "custom" => new Credential.Custom { Headers = Headers ?? [], QueryParameters = Query ?? [] },
            _ => throw new JsonException($"Credential type '{Type}' is not one of bearer, apiKey, basic, custom."),
        };
        return credential.WithMetadata(metadata);
    }

    private JsonException Missing(string field) => new($"A '{Type}' credential needs '{field}'.");
}

/// <summary>The emulator's JSON: config files and the bodies it answers with.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmulatorConfig))]
internal sealed partial class EmulatorJsonContext : JsonSerializerContext;
