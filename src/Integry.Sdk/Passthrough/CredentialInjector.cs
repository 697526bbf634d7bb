using System.Text;
using Integry.Sdk.Remote;

namespace Integry.Sdk.Passthrough;

/// <summary>Puts a credential where the app expects it, or says why the app cannot take it.</summary>
internal static class CredentialInjector
{
    /// <summary>Works out the headers and query parameters the credential becomes.</summary>
    /// <returns>The placements, or <see langword="null"/> with a problem that never quotes the credential.</returns>
    public static CredentialParts? Prepare(AppDefinition app, Credential credential, out string? problem)
    {
        problem = null;
        var parts = new CredentialParts();
        switch (credential)
        {
            case Credential.BearerToken bearer when app.BearerTokenPlacement is { } placement:
                parts.Add(placement, bearer.AccessToken);
                break;
            case Credential.ApiKey apiKey when app.ApiKeyPlacement is { } placement:
                parts.Add(placement, apiKey.Key);
                break;
            case Credential.Basic basic when app.AcceptsBasic && app.AwsSignature is { } aws:
                if (!basic.Metadata.TryGetValue(aws.RegionMetadataKey, out var region) || !IsRegion(region))
                {
                    problem = $"The connected {app.DisplayName} account has no valid '{aws.RegionMetadataKey}' (such as us-east-1) in its metadata; AWS signs every request for one region.";
                    return null;
                }

                var sessionToken = basic.Metadata.GetValueOrDefault(aws.SessionTokenMetadataKey);
                parts.Aws = new AwsSigV4Signer(basic.UserName, basic.Password, sessionToken, region, aws.Service);
                parts.AddSecret(basic.Password);
                if (sessionToken is not null)
                {
                    // Temporary credentials: the token authenticates with the key, so it is kept out of every text as the key is.
                    parts.AddSecret(sessionToken);
                }

                break;
            case Credential.Basic basic when app.AcceptsBasic && app.BasicPlacement is { } halves:
                parts.Add(halves.UserName, basic.UserName);
                parts.Add(halves.Password, basic.Password);
                break;
            case Credential.Basic basic when app.AcceptsBasic:
                var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.UserName}:{basic.Password}"));
                parts.Headers.Add(("Authorization", "Basic " + token));
                parts.AddSecret(basic.Password);
                break;
            case Credential.Custom custom:
                parts.Headers.AddRange(custom.Headers.Select(pair => (pair.Key, pair.Value)));
                parts.Query.AddRange(custom.QueryParameters.Select(pair => (pair.Key, pair.Value)));
                break;
            default:
                problem = $"{app.DisplayName} does not accept {Describe(credential)} credentials; store the kind of credential its API takes.";
                return null;
        }

        if (parts.Headers.Any(header => !IsSafe(header.Name) || !IsSafe(header.Value)) || parts.Query.Any(pair => !IsSafe(pair.Name))
            || parts.BodyFields.Any(field => !IsSafe(field.Value)) || (parts.Aws is { } signer && (!IsSafe(signer.AccessKeyId) || !IsSafe(signer.SecretAccessKey) || (signer.SessionToken is { } temporaryToken && !IsSafe(temporaryToken)))))
        {
            problem = $"The stored {app.DisplayName} credential is malformed (empty, or with control characters); reconnect the account.";
            return null;
        }

        return parts;
    }

    public static void Apply(HttpRequestMessage request, CredentialParts parts)
    {
        foreach (var (name, value) in parts.Headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }
    }

    /// <summary>Signs a request to the app when its credential is an AWS access key; the message must be final (URI, headers, body).</summary>
    public static void Sign(HttpRequestMessage message, CredentialParts parts, byte[]? body, TimeProvider clock) =>
        parts.Aws?.Sign(message, body, clock.GetUtcNow());

    /// <summary>Puts the credential's JSON body members into the body: a JSON object gets them added (every other member's text kept
    /// as written), no body becomes an object of them alone.</summary>
    /// <returns>The body to send, or <see langword="null"/> with a problem that never quotes the credential.</returns>
    public static byte[]? AddBodyFields(AppDefinition app, CredentialParts parts, PassthroughBody? body, out string? problem)
    {
        problem = null;
        if (parts.BodyFields.Count == 0)
        {
            return body?.GetBytes();
        }

        if (body is not null && body.JsonValue is not { ValueKind: System.Text.Json.JsonValueKind.Object })
        {
            problem = $"{app.DisplayName} takes the user's credential in a JSON object body; send a JSON object (or no body), not {(body.JsonValue is null ? body.ContentType : "a JSON array")}.";
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>((body?.Length ?? 0) + 128);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (body?.JsonValue is { } json)
            {
                foreach (var member in json.EnumerateObject())
                {
                    if (parts.BodyFields.Any(field => string.Equals(field.Name, member.Name, StringComparison.Ordinal)))
                    {
                        problem = $"The body must not carry the '{member.Name}' member: the SDK puts the user's {app.DisplayName} credential there.";
                        return null;
                    }

                    writer.WritePropertyName(member.Name);
                    writer.WriteRawValue(member.Value.GetRawText(), skipInputValidation: true);
                }
            }

            foreach (var (name, value) in parts.BodyFields)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static Uri AppendQuery(Uri target, CredentialParts parts)
    {
        if (parts.Query.Count == 0)
        {
            return target;
        }

        var query = new StringBuilder(WithoutQueryParameters(target, parts).Query);
        foreach (var (name, value) in parts.Query)
        {
            QueryString.Append(query, name, value);
        }

        return new UriBuilder(target) { Query = query.ToString().TrimStart('?') }.Uri;
    }

    /// <summary>Removes the credential's query parameters from a URI, such as a redirect's <c>Location</c> that echoes them.</summary>
    public static Uri WithoutQueryParameters(Uri target, CredentialParts parts)
    {
        if (parts.Query.Count == 0 || string.IsNullOrEmpty(target.Query))
        {
            return target;
        }

        var kept = target.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !parts.Query.Any(credential => string.Equals(Uri.UnescapeDataString(pair.Split('=', 2)[0]), credential.Name, StringComparison.OrdinalIgnoreCase)));
        return new UriBuilder(target) { Query = string.Join('&', kept) }.Uri;
    }

    /// <summary>Finds a query parameter the caller set that the credential would also set.</summary>
    public static string? FindClash(Uri target, CredentialParts parts)
    {
        foreach (var (name, _) in parts.Query)
        {
            foreach (var pair in target.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var key = Uri.UnescapeDataString(pair.Split('=', 2)[0]);
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return name;
                }
            }
        }

        return null;
    }

    private static string Describe(Credential credential) => credential switch
    {
        Credential.BearerToken => "bearer token",
        Credential.ApiKey => "API key",
        Credential.Basic => "Basic (user name and password)",
        _ => credential.GetType().Name,
    };

    private static bool IsRegion(string region) =>
        region.Length is > 0 and <= 32 && region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static bool IsSafe(string text) => !string.IsNullOrEmpty(text) && !text.Any(char.IsControl);
}

/// <summary>The headers and query parameters one credential becomes.</summary>
internal sealed class CredentialParts
{
    private readonly List<string> _secrets = [];
    private CredentialEcho? _echo;

    public List<(string Name, string Value)> Headers { get; } = [];

    public List<(string Name, string Value)> Query { get; } = [];

    /// <summary>Gets the members the credential adds to the JSON body.</summary>
    public List<(string Name, string Value)> BodyFields { get; } = [];

    /// <summary>Gets or sets the signer of an AWS access key, which signs each request as it is sent.</summary>
    public AwsSigV4Signer? Aws { get; set; }

    /// <summary>Gets the names of the query parameters that carry the credential, to mask in anything recorded.</summary>
    public IEnumerable<string> QueryNames => Query.Count == 0 ? [] : Query.Select(pair => pair.Name);

    /// <summary>Gets the forms of the credential these parts came from, built once (parts are kept per credential object).</summary>
    public CredentialEcho EchoOf(Credential credential) => _echo ??= CredentialEcho.For(credential, this);

    /// <summary>Remembers a secret that is not itself a header or query value (a Basic password).</summary>
    public void AddSecret(string secret) => _secrets.Add(secret);

    public void Add(CredentialPlacement placement, string value)
    {
        _secrets.Add(value);
        var rendered = placement.Render(value);
        switch (placement.Location)
        {
            case CredentialLocation.Header:
                Headers.Add((placement.Name, rendered));
                break;
            case CredentialLocation.JsonBody:
                BodyFields.Add((placement.Name, rendered));
                break;
            default:
                Query.Add((placement.Name, rendered));
                break;
        }
    }
}
