using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (https with the given certificate, or http) standing in for an app's API; it
/// records every request whole before its handler runs, and leaves the body readable for the handler.
/// </summary>
internal sealed class UpstreamServer : IAsyncDisposable
{
    private WebApplication _app = null!;

    private UpstreamServer()
    {
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int Port => BaseAddress.Port;

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public static async Task<UpstreamServer> StartAsync(RequestDelegate handler, X509Certificate2? certificate = null)
    {
        var server = new UpstreamServer();
        (server._app, server.BaseAddress) = await LoopbackKestrel.StartAsync(
            async context =>
            {
                context.Request.EnableBuffering();
                var body = await new StreamReader(context.Request.Body, leaveOpen: true).ReadToEndAsync(context.RequestAborted);
                context.Request.Body.Position = 0;
                server.Requests.Enqueue(SeenRequest.Of(context.Request, body));
                await handler(context);
            },
            certificate);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record SeenRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The request as a test server received it, with the body it read.</summary>
    public static SeenRequest Of(HttpRequest request, string body) => new(
        request.Method,
        request.Path + request.QueryString,
        request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
        body);
}
