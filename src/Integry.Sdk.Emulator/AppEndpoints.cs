using System.Text.Json;

namespace Integry.Sdk.Emulator;

/// <summary>The current API's app routes: list and get, with the user's connected accounts.</summary>
internal static class AppEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, EmulatorState state)
    {
        routes.MapPost("/apps/list/", (HttpRequest request) => ListAsync(request, state));
        routes.MapPost("/apps/{name}/get/", (string name, HttpRequest request) => Get(name, request, state));
    }

    private static async Task<IResult> ListAsync(HttpRequest request, EmulatorState state)
    {
        var userId = EmulatorAuthentication.UserOf(request);

        var (body, problem) = await RequestBody.ReadObjectAsync(request);
        var cursor = problem is null ? RequestBody.Cursor(body, out problem) : null;
        if (problem is not null)
        {
            return problem;
        }

        if (!Paging.TryDecode(cursor, out var offset))
        {
            return WireBodies.Detail(StatusCodes.Status400BadRequest, "Invalid cursor.");
        }

        var connectedOnly = string.Equals(request.Query["connected_only"], "true", StringComparison.OrdinalIgnoreCase);
        var apps = state.Executor.Catalog.Apps.Where(app => !connectedOnly || state.AccountsOf(userId, app.Slug).Count > 0).ToArray();
        var next = Paging.Next(offset, state.Config.PageSize, apps.Length);
        return WireBodies.Json(StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("apps");
            foreach (var app in apps.Skip(offset).Take(state.Config.PageSize))
            {
                WriteApp(writer, app, state.AccountsOf(userId, app.Slug));
            }

            writer.WriteEndArray();
            WireBodies.WriteCursor(writer, next);
            writer.WriteEndObject();
        });
    }

    private static IResult Get(string name, HttpRequest request, EmulatorState state)
    {
        var userId = EmulatorAuthentication.UserOf(request);

        return state.Executor.Catalog.TryGetApp(name, out var app)
            ? WireBodies.Json(StatusCodes.Status200OK, writer => WriteApp(writer, app, state.AccountsOf(userId, app.Slug)))
            : WireBodies.Detail(StatusCodes.Status404NotFound, "App not found");
    }

    private static void WriteApp(Utf8JsonWriter writer, AppDefinition app, IReadOnlyList<EmulatorAccount> accounts)
    {
        writer.WriteStartObject();
        writer.WriteString("id", app.Slug);
        writer.WriteString("name", app.Slug);
        writer.WriteString("title", app.DisplayName);
        writer.WriteNull("icon_url");
        writer.WriteNull("docs_url");
        writer.WriteNull("login_url");
        writer.WriteBoolean("allow_multiple_connected_accounts", true);
        writer.WriteStartArray("connected_accounts");
        foreach (var account in accounts)
        {
            writer.WriteStartObject();
            writer.WriteString("id", account.Id);
            writer.WriteString("display_name", account.DisplayName ?? account.Id);
            writer.WriteNull("modified_at");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
