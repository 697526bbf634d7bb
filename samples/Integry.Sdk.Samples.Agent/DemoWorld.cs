using Integry.Sdk.Emulator;
using Integry.Sdk.Testing;

namespace Integry.Sdk.Samples.Agent;

/// <summary>
/// An agent's world on 127.0.0.1, built from Integry.Sdk.Testing: three fake apps (a CRM, a ticket desk, billing), the
/// Integry emulator in-process serving them to one user, and a client for that user (Program.cs gives the agent a
/// read-only policy over the CRM and the tickets).
/// </summary>
internal sealed class DemoWorld : IAsyncDisposable
{
    public const string UserId = "user-ada";

    private readonly FakeApp[] _apps;

    private DemoWorld(FakeApp[] apps, IntegryEmulator emulator)
    {
        _apps = apps;
        Emulator = emulator;
        Client = emulator.CreateClient(UserId);
    }

    public IntegryEmulator Emulator { get; }

    /// <summary>Gets the user's client.</summary>
    public IntegryClient Client { get; }

    public static async Task<DemoWorld> StartAsync()
    {
        var crm = await FakeApp.StartAsync("crm", app =>
        {
            app.DisplayName = "Demo CRM";
            app.MapGet("/v1/contacts", FakeResponse.Json("""{"contacts":[{"id":"c-42","name":"Ada Lovelace","email":"ada@example.com"}]}"""))
                .RequireBearerToken("crm-token");
        });
        var tickets = await FakeApp.StartAsync("tickets", app =>
        {
            app.DisplayName = "Demo Tickets";
            app.MapGet("/v1/tickets", FakeResponse.Json("""{"tickets":[{"id":"t-7","contact":"c-42","subject":"Invoice question","status":"open"}]}"""))
                .Map("PATCH", "/v1/tickets", FakeResponse.Json("""{"updated":true}"""))
                .RequireBearerToken("tickets-token");
        });
        var billing = await FakeApp.StartAsync("billing", app =>
        {
            app.DisplayName = "Demo Billing";
            app.Map("DELETE", "/v1/invoices/{id}", FakeResponse.Json("""{"deleted":true}""")).RequireBearerToken("billing-token");
        });

        var emulator = await IntegryEmulator.StartAsync(builder =>
        {
            builder.Config.IncludeBuiltInApps = false;
            builder.AddApp(crm.Definition).AddApp(tickets.Definition).AddApp(billing.Definition)
                .AddUser(UserId, user => user
                    .Connect("crm", new Credential.BearerToken("crm-token"), "crm-1")
                    .Connect("tickets", new Credential.BearerToken("tickets-token"), "tickets-1")
                    .Connect("billing", new Credential.BearerToken("billing-token"), "billing-1"));
        });
        return new DemoWorld([crm, tickets, billing], emulator);
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        foreach (var app in _apps)
        {
            await app.DisposeAsync();
        }
    }
}
