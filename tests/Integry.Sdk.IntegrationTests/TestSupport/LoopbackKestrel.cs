using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>
/// The one Kestrel set-up of the test servers: 127.0.0.1 at a port the OS picks, https with the given certificate or
/// plain http, no logging, one handler for every request.
/// </summary>
internal static class LoopbackKestrel
{
    /// <summary>Starts the server; returns it (to stop and dispose) and its base address, ending in <c>/</c>.</summary>
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(
        RequestDelegate handler,
        X509Certificate2? certificate = null,
        Action<KestrelServerOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            configure?.Invoke(kestrel);
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return (app, new Uri(address + "/"));
    }
}
