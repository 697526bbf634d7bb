using System.Text.Json.Serialization;

namespace Integry.Sdk.Samples.WebFarm;

/// <summary>
/// Stands in for a real app and its OAuth server, offline: tokens live 5 minutes, refresh tokens rotate and a reused
/// one is refused with <c>invalid_grant</c> (as Xero or QuickBooks do). <c>/stats</c> counts the refresh grants.
/// </summary>
public static class Upstream
{
    public const string User = "user-1";
    public const string App = "farmapp";
    public const string ClientId = "webfarm-sample";
    public const string ClientSecret = "webfarm-sample-secret";

    private static readonly object Gate = new();
    private static readonly HashSet<string> Valid = new(StringComparer.Ordinal);
    private static string _refreshToken = string.Empty;
    private static int _generation;
    private static int _grants;
    private static int _refused;

    public static void Map(WebApplication app)
    {
        app.MapGet("/oauth/consent", () => Results.Json(Issue(), FarmJsonContext.Default.Grant));
        app.MapPost("/oauth/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            lock (Gate)
            {
                if (form["grant_type"] != "refresh_token" || form["refresh_token"] != _refreshToken)
                {
                    _refused++;
                    return Results.Json(new Problem("invalid_grant"), FarmJsonContext.Default.Problem, statusCode: 400);
                }

                _grants++;
            }

            return Results.Json(Issue(), FarmJsonContext.Default.Grant);
        });
        app.MapGet("/whoami", (HttpRequest request) =>
        {
            var token = request.Headers.Authorization.ToString().Replace("Bearer ", string.Empty, StringComparison.Ordinal);
            lock (Gate)
            {
                return Valid.Contains(token) ? Results.Json(new WhoAmI(token), FarmJsonContext.Default.WhoAmI) : Results.StatusCode(401);
            }
        });
        app.MapPost("/revoke", () =>
        {
            lock (Gate)
            {
                Valid.Clear();
            }

            return Results.Text("every access token revoked\n");
        });
        app.MapGet("/stats", () =>
        {
            lock (Gate)
            {
                return Results.Text($"refresh grants: {_grants}, refused (reused refresh token): {_refused}, newest access token: at-{_generation}\n");
            }
        });
    }

    private static Grant Issue()
    {
        lock (Gate)
        {
            _generation++;
            _refreshToken = $"rt-{_generation}";
            Valid.Add($"at-{_generation}");
            return new Grant($"at-{_generation}", 300, _refreshToken);
        }
    }
}

public sealed record Grant(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken);

public sealed record Problem([property: JsonPropertyName("error")] string Error);

public sealed record WhoAmI([property: JsonPropertyName("token")] string Token);

[JsonSerializable(typeof(Grant))]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(WhoAmI))]
internal sealed partial class FarmJsonContext : JsonSerializerContext;
