using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>
/// A body sent one byte at a time, each byte only when the test says (<see cref="NextByteAsync"/>), so the pauses are the
/// test's and it moves a fake clock in between. Serves the local executor's and Integry's slow-trickle faults alike.
/// </summary>
/// <param name="body">The whole body, declared up front in Content-Length.</param>
/// <param name="headersFirst">Send the status line and headers before the first byte (else they go with it).</param>
internal sealed class Trickle(string body, bool headersFirst = false) : IDisposable
{
    private readonly SemaphoreSlim _go = new(0);
    private readonly FaultSignals _written = new();

    /// <summary>Lets the server write byte <paramref name="number"/> (1-based) and waits until it is written.</summary>
    public Task NextByteAsync(int number)
    {
        _go.Release();
        return _written.WhenReached(number);
    }

    /// <summary>The server's handler.</summary>
    public async Task ServeAsync(HttpContext context)
    {
        context.Features.Get<IHttpResponseBodyFeature>()!.DisableBuffering();
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = Encoding.UTF8.GetByteCount(body);
        var bytes = Encoding.UTF8.GetBytes(body);
        try
        {
            if (headersFirst)
            {
                await context.Response.StartAsync(context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            for (var i = 0; i < bytes.Length; i++)
            {
                await _go.WaitAsync(context.RequestAborted);
                await context.Response.Body.WriteAsync(bytes.AsMemory(i, 1), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                _written.Signal();
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client gave up and closed the connection.
        }
    }

    public void Dispose() => _go.Dispose();
}
