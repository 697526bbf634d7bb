using System.Security.Cryptography;
using System.Text;

namespace Integry.Sdk.Emulator;

/// <summary>Checks <c>App-Key</c>, <c>User-ID</c> and <c>Hash</c> (headers, or the <c>app_key</c>/<c>user_id</c>/<c>hash</c> query) as Integry does.</summary>
internal static class EmulatorAuthentication
{
    public const string NotProvided = "Authentication credentials were not provided.";

    private const string UserKey = "Integry.Emulator.UserId";

    /// <summary>Requires Integry's signature on every route of a group, answering Integry's own 403 otherwise.</summary>
    public static TBuilder RequireSignature<TBuilder>(this TBuilder builder, EmulatorConfig config)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (Authenticate(context.HttpContext.Request, config) is not { } userId)
            {
                return WireBodies.Detail(StatusCodes.Status403Forbidden, NotProvided);
            }

            context.HttpContext.Items[UserKey] = userId;
            return await next(context);
        });

    /// <summary>The user the signature named; set by <see cref="RequireSignature"/> before any endpoint runs.</summary>
    public static string UserOf(HttpRequest request) => (string)request.HttpContext.Items[UserKey]!;

    private static string? Authenticate(HttpRequest request, EmulatorConfig config)
    {
        var appKey = Read(request, "App-Key", "app_key");
        var userId = Read(request, "User-ID", "user_id");
        var hash = Read(request, "Hash", "hash");
        if (appKey is null || userId is null || hash is null)
        {
            return null;
        }

        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(config.AppSecret), Encoding.UTF8.GetBytes(userId)));
        var keyMatches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(appKey), Encoding.UTF8.GetBytes(config.AppKey));
        var hashMatches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(hash), Encoding.UTF8.GetBytes(expected));
        return keyMatches && hashMatches ? userId : null;
    }

    private static string? Read(HttpRequest request, string header, string query)
    {
        if (request.Headers.TryGetValue(header, out var fromHeader) && !string.IsNullOrEmpty(fromHeader))
        {
            return fromHeader.ToString();
        }

        return request.Query.TryGetValue(query, out var fromQuery) && !string.IsNullOrEmpty(fromQuery) ? fromQuery.ToString() : null;
    }
}
