using System.Text;
using System.Text.Json;
using Integry.Sdk.Policy;

namespace Integry.Sdk.Passthrough;

/// <summary>The parts of a <see cref="PassthroughPlan"/> that do not need the local executor: the remote plan and redaction.</summary>
internal static class PassthroughPlanner
{
    public const string Mask = "***";

    /// <summary>The plan of a passthrough Integry runs: what the client knows before sending it (the policy above all).</summary>
    public static PassthroughPlan Remote(FunctionInvocation invocation, PassthroughRequest request, PolicyDecision decision, AppCatalog catalog)
    {
        PassthroughFunctionName.TryGetApp(invocation.FunctionName, out var app);
        return new PassthroughPlan
        {
            App = app!,
            FunctionName = invocation.FunctionName,
            UserId = invocation.UserId,
            ConnectedAccountId = invocation.ConnectedAccountId,
            RunsLocally = false,
            Method = request.Method.Method,
            Url = DescribeUrl(request.Url, PolicyPath.BaseUrlOf(catalog, app!)),
            Policy = decision,
            Rejection = decision.IsAllowed ? null : PolicyRejection.From(decision),
        };
    }

    /// <summary>The plan's start: what the arguments say, before the credential is looked up.</summary>
    public static PassthroughPlan Initial(FunctionInvocation invocation, string app, PolicyDecision decision, Result.Rejected? rejection)
    {
        var arguments = invocation.Arguments;
        return new PassthroughPlan
        {
            App = app,
            FunctionName = invocation.FunctionName,
            UserId = invocation.UserId,
            ConnectedAccountId = invocation.ConnectedAccountId,
            RunsLocally = true,
            Method = StringArgument(arguments, PassthroughArguments.MethodName)?.ToUpperInvariant() ?? string.Empty,
            Url = StringArgument(arguments, PassthroughArguments.UrlName) is { } url ? PathAndMaskedQuery(url) : string.Empty,
            Policy = decision,
            Rejection = rejection ?? (decision.IsAllowed ? null : PolicyRejection.From(decision)),
        };
    }

    /// <summary>The secret values a credential puts on a request, so they can be masked wherever they appear.</summary>
    public static List<string> SecretsOf(Credential credential) => credential switch
    {
        Credential.BearerToken bearer => [bearer.AccessToken],
        Credential.ApiKey apiKey => [apiKey.Key],
        Credential.Basic basic => [Convert.ToBase64String(Encoding.UTF8.GetBytes($"{basic.UserName}:{basic.Password}")), basic.Password],
        _ => [],
    };

    /// <summary>Masks every secret in a value; a custom credential's values are masked whole.</summary>
    public static string Redact(string value, IReadOnlyList<string> secrets, bool whole)
    {
        if (whole)
        {
            return Mask;
        }

        foreach (var secret in secrets.Where(secret => secret.Length > 0).OrderByDescending(secret => secret.Length))
        {
            value = value.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return value;
    }

    public static string KindOf(Credential credential) => credential switch
    {
        Credential.BearerToken => "BearerToken",
        Credential.ApiKey => "ApiKey",
        Credential.Basic => "Basic",
        _ => "Custom",
    };

    private static string DescribeUrl(string url, Uri? baseUrl)
    {
        // Shown resolved when the client knows the app's base URL; Integry resolves it in the end.
        if (baseUrl is not null && !url.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(baseUrl, url.TrimStart('/'), out var resolved))
        {
            return UrlRedactor.Redact(resolved);
        }

        return PathAndMaskedQuery(url);
    }

    private static string PathAndMaskedQuery(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "https" or "http" ? UrlRedactor.Redact(absolute) : url.Split('?')[0];

    private static string? StringArgument(JsonElement arguments, string name) =>
        arguments.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
