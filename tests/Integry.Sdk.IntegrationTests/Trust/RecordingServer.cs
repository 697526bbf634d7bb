using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integry.Sdk.IntegrationTests.Trust;

/// <summary>A Kestrel server on 127.0.0.1 (https with the given certificate, or http) that records every request whole.</summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly WebApplication _web;

    private RecordingServer(WebApplication web) => _web = web;

    public ConcurrentQueue<string> Seen { get; } = new();

    public int Port { get; private set; }

    public static async Task<RecordingServer> StartAsync(X509Certificate2? certificate, Func<HttpContext, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var web = builder.Build();
        var recorder = new RecordingServer(web);
        web.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            recorder.Seen.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}\n{string.Join("\n", context.Request.Headers.Select(header => header.Key + ": " + header.Value))}\n{body}");
            await handler(context);
        });
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        recorder.Port = new Uri(address).Port;
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        await _web.StopAsync();
        await _web.DisposeAsync();
    }
}
