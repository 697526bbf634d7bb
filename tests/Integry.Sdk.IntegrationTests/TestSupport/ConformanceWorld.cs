using System.Text.Json;
using Integry.Sdk.Emulator;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>
/// One world, reached two ways: a CRM app on loopback, users with connected accounts, and two clients over them:
/// one running passthroughs in-process, one calling the emulator as it would call Integry.
/// </summary>
internal sealed class ConformanceWorld : IAsyncDisposable
{
    public const string AppKey = "conformance-key";
    public const string AppSecret = "conformance-secret";

    private ConformanceWorld(UpstreamServer upstream, IntegryEmulator emulator, IntegryClient local, IntegryClient remote)
    {
        Upstream = upstream;
        Emulator = emulator;
        Local = local;
        Remote = remote;
    }

    public UpstreamServer Upstream { get; }

    public IntegryEmulator Emulator { get; }

    public IntegryClient Local { get; }

    public IntegryClient Remote { get; }

    /// <summary>Starts the app, the emulator and both clients.</summary>
    /// <param name="pageSize">The emulator's page size.</param>
    /// <param name="app">What the CRM app answers; the demo CRM when <see langword="null"/>.</param>
    /// <returns>The running world.</returns>
    public static async Task<ConformanceWorld> StartAsync(int pageSize = 50, RequestDelegate? app = null)
    {
        var upstream = await UpstreamServer.StartAsync(app ?? CrmAsync);
        var config = new EmulatorConfig
        {
            AppKey = AppKey,
            AppSecret = AppSecret,
            PageSize = pageSize,
            Apps =
            {
                new EmulatorApp { Slug = "crm", DisplayName = "Demo CRM", Hosts = ["127.0.0.1"], BaseUrl = upstream.BaseAddress.AbsoluteUri, AllowLocalNetwork = true },
            },
            Users =
            {
                new EmulatorUser
                {
                    Id = "user-1",
                    Accounts =
                    {
                        new EmulatorAccount { App = "crm", Id = "101", Credential = new EmulatorCredential { Type = "bearer", Token = "token-a" } },
                        new EmulatorAccount { App = "crm", Id = "102", Credential = new EmulatorCredential { Type = "bearer", Token = "token-b" } },
                    },
                },
            },
        };
        var emulator = await IntegryEmulator.StartAsync(config);

        var credentials = new InMemoryCredentialProvider();
        credentials.Connect("user-1", "crm", new Credential.BearerToken("token-a"), "101");
        credentials.Connect("user-1", "crm", new Credential.BearerToken("token-b"), "102");
        var options = new PassthroughOptions();
        options.Apps.Add(new AppDefinition { Slug = "crm", DisplayName = "Demo CRM", Hosts = ["127.0.0.1"], BaseUrl = upstream.BaseAddress.AbsoluteUri, AllowLocalNetwork = true });
        var local = new IntegryClient(new IntegryClientOptions { UserId = "user-1", PassthroughExecutor = new PassthroughExecutor(credentials, options) });
        var remote = new IntegryClient(new IntegryClientOptions { AppKey = AppKey, AppSecret = AppSecret, UserId = "user-1", BaseAddress = emulator.BaseAddress });
        return new ConformanceWorld(upstream, emulator, local, remote);
    }

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await Upstream.DisposeAsync();
    }

    private static async Task CrmAsync(HttpContext context)
    {
        var token = context.Request.Headers.Authorization.ToString();
        var account = token switch
        {
            "Bearer token-a" => "101",
            "Bearer token-b" => "102",
            _ => null,
        };
        context.Response.ContentType = "application/json";
        if (account is null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("""{"error":"invalid_token"}""");
            return;
        }

        switch (context.Request.Path.Value)
        {
            case "/v1/contacts" when HttpMethods.IsGet(context.Request.Method):
                await context.Response.WriteAsync($$"""{"account":"{{account}}","contacts":[{"id":12345678901234567890,"name":"Ada"}],"page":{{JsonSerializer.Serialize(context.Request.Query["page"].ToString())}}}""");
                break;
            case "/v1/contacts" when HttpMethods.IsPost(context.Request.Method):
                context.Response.StatusCode = StatusCodes.Status201Created;
                using (var reader = new StreamReader(context.Request.Body))
                {
                    await context.Response.WriteAsync($$"""{"created":{{await reader.ReadToEndAsync()}}}""");
                }

                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                await context.Response.WriteAsync("""{"error":"not_found"}""");
                break;
        }
    }
}
