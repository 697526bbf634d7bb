using System.Text.Json;
using Integry.Sdk.Apps;
using Integry.Sdk.Remote;

namespace Integry.Sdk.Emulator;

/// <summary>The current API's app routes: list and get, with the user's connected accounts, typed as Integry documents them.</summary>
/// <remarks>
/// App objects are the SDK's own local description (<see cref="LocalApps"/>): a numeric <c>id</c>, the slug as
/// <c>name</c>, URLs as empty strings. Accounts come from the emulator config: a numeric <c>id</c> when the id is
/// digits, <c>display_name</c> (the id when the config names none) and <c>modified_at</c> as an ISO 8601 date (the
/// emulator's start time when the config gives none).
/// </remarks>
internal static class AppEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmulatorState state)
    {
        var startedAt = TruncateToSeconds(TimeProvider.System.GetUtcNow());
        routes.MapPost("/apps/list/", (HttpRequest request) => ListAsync(request, state, startedAt));
        routes.MapPost("/apps/{name}/get/", (string name, HttpRequest request) => GetAsync(name, request, state, startedAt));
    }

    private static async Task<IResult> ListAsync(HttpRequest request, EmulatorState state, DateTimeOffset startedAt)
    {
        var userId = EmulatorAuthentication.UserOf(request);
        var (body, problem) = await RequestBody.ReadObjectAsync(request);
        var cursor = problem is null ? RequestBody.Cursor(body, out problem) : null;
        if (problem is not null)
        {
            return problem;
        }

        // Integry's Node SDK sends the cursor in the query.
        cursor ??= request.Query["_cursor"].ToString() is { Length: > 0 } queryCursor ? queryCursor : null;
        if (!Paging.TryDecode(cursor, out var offset))
        {
            return WireBodies.Detail(StatusCodes.Status400BadRequest, Paging.InvalidCursor);
        }

        var connectedOnly = WireBodies.IsTrue(request.Query["connected_only"]);
        var apps = state.Executor.Catalog.Apps
            .Select(app => Describe(app, state.AccountsOf(userId, app.Slug), startedAt))
            .Where(app => !connectedOnly || app.IsConnected)
            .ToArray();
        var next = Paging.Next(offset, state.Config.PageSize, apps.Length);
        return WireBodies.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("apps");
            foreach (var app in apps.Skip(offset).Take(state.Config.PageSize))
            {
                JsonSerializer.Serialize(writer, app, ServerApiJsonContext.Default.IntegryApp);
            }

            writer.WriteEndArray();
            WireBodies.WriteCursor(writer, next);
            writer.WriteEndObject();
        });
    }

    private static async Task<IResult> GetAsync(string name, HttpRequest request, EmulatorState state, DateTimeOffset startedAt)
    {
        var userId = EmulatorAuthentication.UserOf(request);
        var (_, problem) = await RequestBody.ReadObjectAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        return state.Executor.Catalog.TryGetApp(name, out var app)
            ? WireBodies.Json(StatusCodes.Status200OK, writer => JsonSerializer.Serialize(writer, Describe(app, state.AccountsOf(userId, app.Slug), startedAt), ServerApiJsonContext.Default.IntegryApp))
            : WireBodies.Detail(StatusCodes.Status404NotFound, LocalApps.NotFoundDetail);
    }

    private static IntegryApp Describe(AppDefinition app, IReadOnlyList<EmulatorAccount> accounts, DateTimeOffset startedAt) =>
        LocalApps.Describe(app, accounts.Select(account => new ConnectedAccount
        {
            Id = account.Id,
            DisplayName = account.DisplayName ?? account.Id,
            ModifiedAt = account.ModifiedAt ?? startedAt,
        }).ToArray());

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
