namespace Integry.Sdk.Samples.AspNetCore;

/// <summary>The sample's minimal API: one endpoint that runs a passthrough for the user making the request.</summary>
public static class SampleApp
{
    public const string UserHeader = "X-User-Id";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddIntegry(builder.Configuration.GetSection("Integry"))
            .AddLocalPassthrough(options =>
            {
                foreach (var app in builder.Configuration.GetSection("ExtraApps").GetChildren())
                {
                    options.Apps.Add(new AppDefinition
                    {
                        Slug = app.Key,
                        DisplayName = app["DisplayName"] ?? app.Key,
                        Hosts = [app["Host"]!],
                        BaseUrl = app["BaseUrl"],
                        AllowLocalNetwork = bool.TryParse(app["AllowLocalNetwork"], out var local) && local,
                    });
                }
            })
            .AddCredentialProvider<ConfigurationCredentialProvider>();
        configure?.Invoke(builder);

        var web = builder.Build();

        // POST /passthrough/github {"method": "GET", "url": "user/repos"} with the user in X-User-Id
        // (a real app takes the user from its authentication instead).
        web.MapPost("/passthrough/{app}", async (string app, PassthroughBody body, HttpRequest request, IntegryClient integry, CancellationToken cancellationToken) =>
        {
            if (request.Headers[UserHeader].ToString() is not { Length: > 0 } userId)
            {
                return Results.Problem($"Send the user id in the {UserHeader} header.", statusCode: StatusCodes.Status401Unauthorized);
            }

            if (body.Method is null || body.Url is null)
            {
                return Results.Problem("The body needs 'method' and 'url'.", statusCode: StatusCodes.Status400BadRequest);
            }

            var result = await integry.ForUser(userId).PassthroughAsync(app, new PassthroughRequest(new HttpMethod(body.Method), body.Url, body.Body), cancellationToken: cancellationToken);
            return Results.Text(result.ToJson(), "application/json", statusCode: result.IsExecuted ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        });
        return web;
    }
}

/// <summary>The endpoint's body: the passthrough's method, URL and JSON body.</summary>
public sealed record PassthroughBody(string? Method, string? Url, System.Text.Json.JsonElement? Body);
