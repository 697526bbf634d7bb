using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>Turns a <see cref="Credential"/> into the protected row values and back.</summary>
internal static class CredentialSerializer
{
    public const string BearerKind = "bearer";
    public const string ApiKeyKind = "api_key";
    public const string BasicKind = "basic";
    public const string CustomKind = "custom";

    public static void Write(IntegryStoredCredential row, Credential credential, ICredentialProtector protector)
    {
        var values = new StoredValues { Metadata = Copy(credential.Metadata) };
        switch (credential)
        {
            case Credential.BearerToken bearer:
                row.Kind = BearerKind;
                values.AccessToken = bearer.AccessToken;
                values.RefreshToken = bearer.RefreshToken;
                row.ExpiresAt = bearer.ExpiresAt?.ToUniversalTime();
                break;
            case Credential.ApiKey apiKey:
                row.Kind = ApiKeyKind;
                values.Key = apiKey.Key;
                row.ExpiresAt = null;
                break;
            case Credential.Basic basic:
                row.Kind = BasicKind;
                values.UserName = basic.UserName;
                values.Password = basic.Password;
                row.ExpiresAt = null;
                break;
            case Credential.Custom custom:
                row.Kind = CustomKind;
                values.Headers = Copy(custom.Headers);
                values.QueryParameters = Copy(custom.QueryParameters);
                row.ExpiresAt = null;
                break;
        }

        row.ProtectedValue = protector.Protect(JsonSerializer.Serialize(values, StoredValuesContext.Default.StoredValues));
    }

    public static Credential Read(IntegryStoredCredential row, ICredentialProtector protector)
    {
        var values = JsonSerializer.Deserialize(protector.Unprotect(row.ProtectedValue), StoredValuesContext.Default.StoredValues)
            ?? throw new InvalidOperationException("A stored credential is empty.");
        var metadata = values.Metadata ?? [];
        Credential credential = row.Kind switch
        {
            BearerKind => new Credential.BearerToken(values.AccessToken!, row.ExpiresAt) { RefreshToken = values.RefreshToken, ConnectedAccountId = row.ConnectedAccountId, Metadata = metadata },
            ApiKeyKind => new Credential.ApiKey(values.Key!) { ConnectedAccountId = row.ConnectedAccountId, Metadata = metadata },
            BasicKind => new Credential.Basic(values.UserName!, values.Password ?? string.Empty) { ConnectedAccountId = row.ConnectedAccountId, Metadata = metadata },
            CustomKind => new Credential.Custom { Headers = values.Headers ?? [], QueryParameters = values.QueryParameters ?? [], ConnectedAccountId = row.ConnectedAccountId, Metadata = metadata },
            _ => throw new InvalidOperationException($"A stored credential has an unknown kind '{row.Kind}'."),
        };
        return credential;
    }

    private static Dictionary<string, string>? Copy(IReadOnlyDictionary<string, string> entries) =>
        entries.Count == 0 ? null : entries.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}

/// <summary>What is encrypted in <see cref="IntegryStoredCredential.ProtectedValue"/>.</summary>
internal sealed class StoredValues
{
    public string? AccessToken { get; set; }

    public string? RefreshToken { get; set; }

    public string? Key { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public Dictionary<string, string>? Headers { get; set; }

    public Dictionary<string, string>? QueryParameters { get; set; }

    public Dictionary<string, string>? Metadata { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(StoredValues))]
internal sealed partial class StoredValuesContext : JsonSerializerContext;
