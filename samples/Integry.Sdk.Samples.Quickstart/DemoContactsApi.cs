using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Integry.Sdk.Samples.Quickstart;

/// <summary>A tiny contacts API on 127.0.0.1, standing in for a real app so the quickstart runs offline.</summary>
internal sealed class DemoContactsApi : IAsyncDisposable
{
    public const string AccessToken = "demo-access-token";

    private readonly WebApplication _app;

    private DemoContactsApi(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<DemoContactsApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/v1/contacts", (HttpRequest request) =>
            request.Headers.Authorization == $"Bearer {AccessToken}"
                ? Results.Text("""{"contacts":[{"id":12345678901234567890,"name":"Ada Lovelace"},{"id":2,"name":"Grace Hopper"}],"next":null}""", "application/json")
                : Results.Text("""{"error":"invalid_token"}""", "application/json", statusCode: StatusCodes.Status401Unauthorized));
        await app.StartAsync();
        var api = new DemoContactsApi(app);
        api.BaseAddress = new Uri(app.Urls.Single() + "/");
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
