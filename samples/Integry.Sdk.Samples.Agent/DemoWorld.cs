using Integry.Sdk.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Integry.Sdk.Samples.Agent;

/// <summary>
/// An agent's world on 127.0.0.1: a demo API serving two apps (a CRM and a ticket desk), the Integry emulator in-process
/// serving them to one user, and a client for that user (Program.cs gives the agent a read-only policy).
/// </summary>
internal sealed class DemoWorld : IAsyncDisposable
{
    public const string AppKey = "agent-key";
    public const string AppSecret = "agent-secret";
    public const string UserId = "user-ada";

    private readonly WebApplication _api;

    private DemoWorld(WebApplication api, IntegryEmulator emulator, IntegryClient client)
    {
        _api = api;
        Emulator = emulator;
        Client = client;
    }

    public IntegryEmulator Emulator { get; }

    /// <summary>Gets the user's client.</summary>
    public IntegryClient Client { get; }

    public static async Task<DemoWorld> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var api = builder.Build();
        api.Run(ServeAsync);
        await api.StartAsync();
        var apiBase = api.Urls.Single() + "/";

        var config = new EmulatorConfig
        {
            AppKey = AppKey,
            AppSecret = AppSecret,
            IncludeBuiltInApps = false,
            Apps =
            {
                new EmulatorApp { Slug = "crm", DisplayName = "Demo CRM", Hosts = ["127.0.0.1"], BaseUrl = apiBase + "crm/", AllowLocalNetwork = true },
                new EmulatorApp { Slug = "tickets", DisplayName = "Demo Tickets", Hosts = ["127.0.0.1"], BaseUrl = apiBase + "tickets/", AllowLocalNetwork = true },
                new EmulatorApp { Slug = "billing", DisplayName = "Demo Billing", Hosts = ["127.0.0.1"], BaseUrl = apiBase + "billing/", AllowLocalNetwork = true },
            },
            Users =
            {
                new EmulatorUser
                {
                    Id = UserId,
                    Accounts =
                    {
                        new EmulatorAccount { App = "crm", Id = "crm-1", Credential = new EmulatorCredential { Type = "bearer", Token = "crm-token" } },
                        new EmulatorAccount { App = "tickets", Id = "tickets-1", Credential = new EmulatorCredential { Type = "bearer", Token = "tickets-token" } },
                        new EmulatorAccount { App = "billing", Id = "billing-1", Credential = new EmulatorCredential { Type = "bearer", Token = "billing-token" } },
                    },
                },
            },
        };
        var emulator = await IntegryEmulator.StartAsync(config);
        var client = new IntegryClient(new IntegryClientOptions { AppKey = AppKey, AppSecret = AppSecret, UserId = UserId, BaseAddress = emulator.BaseAddress });
        return new DemoWorld(api, emulator, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await _api.StopAsync();
        await _api.DisposeAsync();
    }

    private static async Task ServeAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var path = context.Request.Path.Value;
        var authorization = context.Request.Headers.Authorization.ToString();
        var json = (context.Request.Method, path, authorization) switch
        {
            ("GET", "/crm/v1/contacts", "Bearer crm-token") => """{"contacts":[{"id":"c-42","name":"Ada Lovelace","email":"ada@example.com"}]}""",
            ("GET", "/tickets/v1/tickets", "Bearer tickets-token") => """{"tickets":[{"id":"t-7","contact":"c-42","subject":"Invoice question","status":"open"}]}""",
            ("DELETE", _, _) => """{"deleted":true}""",
            _ => null,
        };
        if (json is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            json = """{"error":"not_found"}""";
        }

        await context.Response.WriteAsync(json);
    }
}
