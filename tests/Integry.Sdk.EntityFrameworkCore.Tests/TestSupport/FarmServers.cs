using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Integry.Sdk.EntityFrameworkCore.Tests.TestSupport;

/// <summary>
/// A loopback OAuth2 server that rotates refresh tokens and answers <c>invalid_grant</c> when a rotated one is reused
/// (as Xero, QuickBooks Online or Salesforce with rotation do), and a loopback app that echoes the bearer token it
/// accepted and answers 401 to one it does not know or that was revoked. Both on 127.0.0.1, ports chosen by the OS.
/// </summary>
internal sealed class FarmServers : IAsyncDisposable
{
    public const string ClientId = "farm-client";
    public const string ClientSecret = "farm-secret";

    private readonly object _gate = new();
    private readonly HashSet<string> _valid = new(StringComparer.Ordinal);
    private WebApplication? _oauth;
    private WebApplication? _app;
    private string _refreshToken = "rt-0";
    private int _generation;

    private FarmServers()
    {
        _valid.Add("at-0");
    }

    public Uri TokenEndpoint { get; private set; } = null!;

    public Uri AppBaseUrl { get; private set; } = null!;

    /// <summary>Gets the refresh grants the token endpoint honoured.</summary>
    public int Grants { get; private set; }

    /// <summary>Gets the refresh requests it refused (a rotated or unknown refresh token).</summary>
    public int Refused { get; private set; }

    public string NewestAccessToken
    {
        get
        {
            lock (_gate)
            {
                return $"at-{_generation}";
            }
        }
    }

    public static async Task<FarmServers> StartAsync()
    {
        var servers = new FarmServers();
        servers._oauth = Build();
        servers._oauth.MapPost("/token", servers.TokenAsync);
        await servers._oauth.StartAsync();
        servers.TokenEndpoint = new Uri(servers._oauth.Urls.Single() + "/token");

        servers._app = Build();
        servers._app.MapGet("/whoami", servers.WhoAmI);
        await servers._app.StartAsync();
        servers.AppBaseUrl = new Uri(servers._app.Urls.Single() + "/");
        return servers;
    }

    /// <summary>The app stops accepting an access token that has not expired (the user revoked it, the app rotated keys).</summary>
    public void Revoke(string accessToken)
    {
        lock (_gate)
        {
            _valid.Remove(accessToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_oauth is not null)
        {
            await _oauth.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static WebApplication Build()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return builder.Build();
    }

    private async Task TokenAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ClientId}:{ClientSecret}"));
        if (context.Request.Headers.Authorization != basic || form["grant_type"] != "refresh_token")
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = "invalid_client" });
            return;
        }

        string body;
        lock (_gate)
        {
            if (form["refresh_token"] != _refreshToken)
            {
                Refused++;
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                body = """{"error":"invalid_grant","error_description":"refresh token already used"}""";
            }
            else
            {
                Grants++;
                _generation++;
                _refreshToken = $"rt-{_generation}";
                _valid.Add($"at-{_generation}");
                body = $$"""{"access_token":"at-{{_generation}}","token_type":"Bearer","expires_in":3600,"refresh_token":"{{_refreshToken}}"}""";
            }
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }

    private IResult WhoAmI(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : string.Empty;
        lock (_gate)
        {
            return _valid.Contains(token) ? Results.Json(new Dictionary<string, string> { ["token"] = token }) : Results.StatusCode(StatusCodes.Status401Unauthorized);
        }
    }
}
