using System.Text;
using Integry.Sdk.IntegrationTests.TestSupport;

namespace Integry.Sdk.IntegrationTests.Trust;

/// <summary>The five ways a credential is placed, each with an app definition and every text a leak of it could contain.</summary>
internal static class Credentials
{
    public const string BearerToken = "bearer-token-5511+/=";
    public const string HeaderKey = "header-key-6622";
    public const string QueryKey = "query-key-7733";
    public const string BasicUser = "basic-user-8844";
    public const string BasicPassword = "basic-pass-9955";
    public const string CustomHeader = "custom-header-1166";
    public const string CustomQuery = "custom-query-2277";

    public static readonly string[] Kinds = ["bearer", "api-key header", "api-key query", "basic", "custom"];

    public static Credential For(string kind) => kind switch
    {
        "bearer" => new Credential.BearerToken(BearerToken),
        "api-key header" => new Credential.ApiKey(HeaderKey),
        "api-key query" => new Credential.ApiKey(QueryKey),
        "basic" => new Credential.Basic(BasicUser, BasicPassword),
        "custom" => new Credential.Custom
        {
            Headers = new Dictionary<string, string> { ["X-Custom-Auth"] = CustomHeader },
            QueryParameters = new Dictionary<string, string> { ["custom_sig"] = CustomQuery },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static AppDefinition Place(AppDefinition app, string kind) => kind switch
    {
        "api-key header" => app with { ApiKeyPlacement = CredentialPlacement.Header("X-Api-Key") },
        "api-key query" => app with { ApiKeyPlacement = CredentialPlacement.Query("api_key") },
        "basic" => app with { AcceptsBasic = true },
        _ => app,
    };

    /// <summary>Every secret value of every kind, in every form a leak could take.</summary>
    public static IEnumerable<string> AllForms()
    {
        string[] secrets = [BearerToken, HeaderKey, QueryKey, BasicUser, BasicPassword, $"{BasicUser}:{BasicPassword}", CustomHeader, CustomQuery];
        foreach (var secret in secrets)
        {
            var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
            yield return secret;
            yield return Uri.EscapeDataString(secret);
            yield return base64;
            yield return base64.TrimEnd('=');
            yield return base64.Replace('+', '-').Replace('/', '_').TrimEnd('=');
        }
    }

    /// <summary>Whether any form of any credential is in the text.</summary>
    public static bool Leaked(string text) => AllForms().Any(form => text.Contains(form, StringComparison.OrdinalIgnoreCase));

    public static string Everything(SeenRequest request) =>
        $"{request.Method} {request.PathAndQuery}\n{string.Join("\n", request.Headers.Select(header => header.Key + ": " + header.Value))}\n{request.Body}";
}
