using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>
/// A real Kestrel server on 127.0.0.1 that misbehaves on purpose. It records every request before its handler runs,
/// and tells the handler which request (1-based) it is serving, so a handler can fail the first attempts and answer later ones.
/// </summary>
internal sealed class FaultServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private readonly List<SeenRequest> _requests = [];
    private WebApplication _app = null!;

    private FaultServer()
    {
    }

    public Uri BaseAddress { get; private set; } = null!;

    public int Port => BaseAddress.Port;

    /// <summary>Gets one signal per request, raised once it is recorded and before the handler runs.</summary>
    public FaultSignals Arrivals { get; } = new();

    public IReadOnlyList<SeenRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToArray();
            }
        }
    }

    public static Task<FaultServer> StartAsync(Func<HttpContext, int, Task> handler) =>
        StartAsync((_, context, number) => handler(context, number));

    /// <summary>Starts a server whose handler also gets the server, for <see cref="HangAsync"/>.</summary>
    public static async Task<FaultServer> StartAsync(Func<FaultServer, HttpContext, int, Task> handler)
    {
        var server = new FaultServer();
        (server._app, server.BaseAddress) = await LoopbackKestrel.StartAsync(
            async context =>
            {
                var body = string.Empty;
                if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
                {
                    using var reader = new StreamReader(context.Request.Body);
                    body = await reader.ReadToEndAsync(context.RequestAborted);
                }

                var seen = SeenRequest.Of(context.Request, body);
                lock (server._gate)
                {
                    server._requests.Add(seen);
                }

                var number = server.Arrivals.Signal();
                await handler(server, context, number);
            },
            configure: kestrel => kestrel.AddServerHeader = false);
        return server;
    }

    /// <summary>Drops the connection once the request (head and body) was read, before any status line.</summary>
    public static Task DropAsync(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    /// <summary>Never answers: waits until the client goes away or the server stops.</summary>
    public async Task HangAsync(HttpContext context)
    {
        var gone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var aborted = context.RequestAborted.Register(() => gone.TrySetResult());
        using var stopping = _stopping.Token.Register(() => gone.TrySetResult());
        await gone.Task;
    }

    /// <summary>Sends the status line, the headers (with a Content-Length of <paramref name="declaredLength"/>) and the first bytes of a body, and flushes them.</summary>
    public static async Task StartPartialBodyAsync(HttpContext context, long declaredLength, string firstBytes)
    {
        context.Features.Get<IHttpResponseBodyFeature>()!.DisableBuffering();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = declaredLength;
        await context.Response.StartAsync(context.RequestAborted);
        await context.Response.Body.WriteAsync(System.Text.Encoding.UTF8.GetBytes(firstBytes), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    /// <summary>Waits for a signal the test raises, but gives up when the client goes away.</summary>
    public static async Task<bool> AwaitOrAbortedAsync(Task signal, HttpContext context)
    {
        try
        {
            await signal.WaitAsync(context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }
}
