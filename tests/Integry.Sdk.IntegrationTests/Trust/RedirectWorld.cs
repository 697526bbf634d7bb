using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Trust;

/// <summary>
/// The leak matrices' world on 127.0.0.1, over real TLS: a simulated public app (<c>api.app.example</c>) on its own
/// origin, on another port of the same host and over plain http, and a foreign "evil" server (<c>evil.example</c>), each
/// with its certificate and recording every request whole. The app answers <c>/v1/{scenario}/{status}</c> with a
/// redirect of that scenario; the evil server's <c>/bounce</c> sends the client back to the app.
/// </summary>
internal sealed class RedirectWorld : IAsyncDisposable
{
    public const string AppHost = "api.app.example";
    public const string EvilHost = "evil.example";
    public static readonly IPAddress AppAddress = IPAddress.Parse("11.0.0.1");
    public static readonly IPAddress EvilAddress = IPAddress.Parse("11.0.0.2");

    /// <summary>Where the app's redirect points: every case the guard must tell apart.</summary>
    public static readonly string[] Scenarios = ["same origin", "other port", "other host", "https to http", "echo in the url", "app -> foreign -> app"];

    private RedirectWorld(X509Certificate2 appCertificate, X509Certificate2 evilCertificate)
    {
        AppCertificate = appCertificate;
        EvilCertificate = evilCertificate;
    }

    public X509Certificate2 AppCertificate { get; }

    public X509Certificate2 EvilCertificate { get; }

    public UpstreamServer App { get; private set; } = null!;

    public UpstreamServer AppOtherPort { get; private set; } = null!;

    public UpstreamServer AppPlainHttp { get; private set; } = null!;

    public UpstreamServer Evil { get; private set; } = null!;

    private IEnumerable<(string Name, UpstreamServer Server)> Servers =>
        [("app", App), ("app other port", AppOtherPort), ("app over http", AppPlainHttp), ("evil", Evil)];

    public static async Task<RedirectWorld> StartAsync()
    {
        var world = new RedirectWorld(LoopbackTls.SelfSigned(AppHost), LoopbackTls.SelfSigned(EvilHost));
        world.Evil = await UpstreamServer.StartAsync(
            context =>
            {
                if (context.Request.Path.StartsWithSegments("/bounce", StringComparison.Ordinal))
                {
                    context.Response.StatusCode = StatusCodes.Status302Found;
                    context.Response.Headers.Location = $"https://{AppHost}:{world.App.Port}/v1/landing";
                    return Task.CompletedTask;
                }

                return context.Response.WriteAsync("{}");
            },
            world.EvilCertificate);
        world.AppOtherPort = await UpstreamServer.StartAsync(context => context.Response.WriteAsync("{}"), world.AppCertificate);
        world.AppPlainHttp = await UpstreamServer.StartAsync(context => context.Response.WriteAsync("{}"));
        world.App = await UpstreamServer.StartAsync(world.AnswerAsAppAsync, world.AppCertificate);
        return world;
    }

    /// <summary>The public app, with the credential of this kind placed as the kind says.</summary>
    public AppDefinition PublicApp(string kind) =>
        Credentials.Place(new AppDefinition { Slug = "public-app", DisplayName = "Public App", Hosts = [$"{AppHost}:{App.Port}"], BaseUrl = $"https://{AppHost}:{App.Port}/v1/" }, kind);

    /// <summary>The call that makes the app answer with the scenario's redirect, with a body that must not follow it abroad.</summary>
    public static PassthroughRequest Request(string scenario, int status)
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"payload":"body-9876"}""");
        return new PassthroughRequest(HttpMethod.Post, $"{Uri.EscapeDataString(scenario)}/{status}", document.RootElement.Clone());
    }

    /// <summary>How many requests each server has recorded so far.</summary>
    public Dictionary<string, int> Snapshot() => Servers.ToDictionary(pair => pair.Name, pair => pair.Server.Requests.Count);

    /// <summary>The requests recorded since a <see cref="Snapshot"/>, with the name of the server that got each.</summary>
    public List<(string Server, string Text)> Since(Dictionary<string, int> before) =>
        Servers.SelectMany(pair => pair.Server.Requests.Skip(before[pair.Name]).Select(request => (pair.Name, Credentials.Everything(request)))).ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, server) in Servers)
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        AppCertificate.Dispose();
        EvilCertificate.Dispose();
    }

    private async Task AnswerAsAppAsync(HttpContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Path.Value ?? string.Empty);
        var parts = path.Trim('/').Split('/');
        if (parts is not ["v1", var scenario, var code] || !int.TryParse(code, out var status))
        {
            await context.Response.WriteAsync("""{"landed":true}""");
            return;
        }

        context.Response.StatusCode = status;
        context.Response.Headers.Location = scenario switch
        {
            "same origin" => $"https://{AppHost}:{App.Port}/v1/landing",
            "other port" => $"https://{AppHost}:{AppOtherPort.Port}/landing",
            "other host" => $"https://{EvilHost}:{Evil.Port}/landing",
            "https to http" => $"http://{AppHost}:{AppPlainHttp.Port}/landing",
            "echo in the url" => $"https://{EvilHost}:{Evil.Port}/cb?leak={Base64Url(CredentialSeenBy(context))}",
            _ => $"https://{EvilHost}:{Evil.Port}/bounce",
        };
    }

    /// <summary>What the app received as the credential, which a compromised app would echo.</summary>
    private static string CredentialSeenBy(HttpContext context)
    {
        foreach (var name in new[] { "Authorization", "X-Api-Key", "X-Custom-Auth" })
        {
            if (context.Request.Headers.TryGetValue(name, out var value))
            {
                return value.ToString().Split(' ').Last();
            }
        }

        return context.Request.Query["api_key"].ToString() is { Length: > 0 } key ? key : context.Request.Query["custom_sig"].ToString();
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
