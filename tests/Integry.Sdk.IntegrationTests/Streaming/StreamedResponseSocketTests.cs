using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Integry.Sdk.IntegrationTests.Streaming;

/// <summary>
/// Issue 17, item 2, on real sockets (Kestrel on 127.0.0.1, OS-picked ports): a streamed passthrough reads the body
/// from the connection as the caller reads it, follows redirects and keeps the credential at home before the body
/// starts, and gives the connection back (or closes it) when the result is disposed.
/// </summary>
[NonParallelizable]
public class StreamedResponseSocketTests
{
    private const int Chunk = 64 * 1024;
    private const int Size64MB = 64 * 1024 * 1024;

    [Test]
    public async Task A_64_MB_body_streams_with_a_fixed_allocation_and_the_call_is_logged()
    {
        await using var server = await FaultServer.StartAsync(async (context, _) => await WritePatternAsync(context, Size64MB));
        using var rig = FaultRig.Create(server);
        await DrainAsync(rig, "warm-up", new byte[Chunk]);
        var buffer = new byte[Chunk];

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var (length, patternHolds) = await DrainAsync(rig, "export", buffer);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        var record = rig.Executor.CallLog is InMemoryFunctionCallLog log ? log.GetRecords()[^1] : null;
        Fault.Report("64 MB body, streamed", $"{length:N0} bytes read, {allocated:N0} bytes allocated in the process (client and server)", "1 request");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(length, Is.EqualTo(Size64MB));
            Assert.That(patternHolds, Is.True, "every byte arrives as the server wrote it");
            Assert.That(allocated, Is.LessThan(16 * 1024 * 1024), "a fixed allocation, not the body's size: about 0.9 MB measured (the buffered path allocates twice the body, 128 MB); the bound leaves room for other tests' servers winding down in the process");
            Assert.That(record?.NetworkCode, Is.EqualTo(200));
            Assert.That(record?.Url, Is.EqualTo($"http://127.0.0.1:{server.Port}/export"));
        }
    }

    [Test]
    public async Task A_redirect_within_the_app_is_followed_with_the_credential_before_the_body_starts()
    {
        await using var server = await FaultServer.StartAsync(async (context, number) =>
        {
            if (number == 1)
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = "/files/2";
                return;
            }

            await context.Response.WriteAsync("the file");
        });
        using var rig = FaultRig.Create(server);

        await using var streamed = await Fault.Within(rig.Client.PassthroughStreamAsync(FaultRig.Slug, PassthroughRequest.Get("files/1")));
        using var reader = new StreamReader(streamed.Content);
        var text = await reader.ReadToEndAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Is.EqualTo("the file"));
            Assert.That(streamed.Attempts, Is.EqualTo(2));
            Assert.That(server.Requests.Select(request => request.PathAndQuery), Is.EqualTo(new[] { "/files/1", "/files/2" }));
            Assert.That(server.Requests.Select(request => request.Headers["Authorization"]), Is.All.EqualTo("Bearer " + FaultRig.Token));
        }
    }

    [Test]
    public async Task A_redirect_to_a_foreign_host_is_refused_and_the_foreign_server_sees_nothing()
    {
        await using var foreign = await FaultServer.StartAsync(async (context, _) => await context.Response.WriteAsync("foreign"));
        await using var app = await FaultServer.StartAsync((context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = $"http://localhost:{foreign.Port}/landing";
            return Task.CompletedTask;
        });
        using var rig = FaultRig.Create(app);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(rig.Client.PassthroughStreamAsync(FaultRig.Slug, PassthroughRequest.Get("export"))));

        Fault.Report("streamed call, 302 to a foreign host on the local network", Fault.Describe(exception), $"foreign: {Fault.Describe(foreign.Requests)}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(foreign.Requests, Is.Empty);
            Assert.That(exception!.ToString(), Does.Not.Contain(FaultRig.Token));
            Assert.That(app.Requests.Single().Headers["Authorization"], Is.EqualTo("Bearer " + FaultRig.Token));
        }
    }

    [Test]
    public async Task A_body_read_to_its_end_gives_the_connection_back_to_the_pool_on_disposal()
    {
        var connections = new List<string>();
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            lock (connections)
            {
                connections.Add(context.Connection.Id);
            }

            await WritePatternAsync(context, 200_000);
        });
        using var rig = FaultRig.Create(server);

        await DrainAsync(rig, "first", new byte[Chunk]);
        await DrainAsync(rig, "second", new byte[Chunk]);

        Assert.That(connections, Has.Count.EqualTo(2));
        Assert.That(connections[1], Is.EqualTo(connections[0]), "the second call reuses the connection the first one released");
    }

    [Test]
    public async Task Disposing_a_result_whose_body_was_not_read_closes_the_connection_and_the_server_sees_it()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FaultServer.StartAsync(async (self, context, _) =>
        {
            // Kestrel says the client went away through RequestAborted (its writes after that may just be dropped).
            using var registration = context.RequestAborted.Register(() => aborted.TrySetResult());
            try
            {
                await WritePatternAsync(context, Size64MB);
            }
            catch (Exception exception) when (exception is IOException or OperationCanceledException)
            {
                // The write that found the connection gone.
            }

            await self.HangAsync(context);
        });
        using var rig = FaultRig.Create(server);

        var streamed = await Fault.Within(rig.Client.PassthroughStreamAsync(FaultRig.Slug, PassthroughRequest.Get("export")));
        var first = await streamed.Content.ReadAsync(new byte[Chunk]);
        await streamed.DisposeAsync();

        await aborted.Task.WaitAsync(Fault.Guard);
        Assert.That(first, Is.GreaterThan(0));
        Assert.That(aborted.Task.IsCompletedSuccessfully, Is.True, "the server saw the connection go away when the result was disposed");
    }

    [Test]
    public async Task Cancelling_a_read_mid_body_throws_OperationCanceledException_and_disposal_releases_the_connection()
    {
        await using var server = await FaultServer.StartAsync(async (self, context, _) =>
        {
            await FaultServer.StartPartialBodyAsync(context, declaredLength: 1_000_000, "first bytes");
            await self.HangAsync(context);
        });
        using var rig = FaultRig.Create(server);
        using var cancel = new CancellationTokenSource();

        var streamed = await Fault.Within(rig.Client.PassthroughStreamAsync(FaultRig.Slug, PassthroughRequest.Get("export")));
        var buffer = new byte[Chunk];
        var first = await streamed.Content.ReadAsync(buffer).AsTask().WaitAsync(Fault.Guard);
        var pending = streamed.Content.ReadAsync(buffer, cancel.Token).AsTask();
        await cancel.CancelAsync();

        var exception = await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => pending.WaitAsync(Fault.Guard));
        await streamed.DisposeAsync();

        Fault.Report("streamed call, caller cancels mid-body", Fault.Describe(exception), "1 request, then the connection is closed");
        Assert.That(System.Text.Encoding.UTF8.GetString(buffer, 0, first), Is.EqualTo("first bytes"));
    }

    /// <summary>Writes <paramref name="length"/> bytes of a repeating pattern (byte i is i mod 251) in 64 KB chunks, with a Content-Length.</summary>
    private static async Task WritePatternAsync(HttpContext context, int length)
    {
        context.Features.Get<IHttpResponseBodyFeature>()!.DisableBuffering();
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = length;
        var chunk = new byte[Chunk];
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = (byte)(i % 251);
        }

        var written = 0;
        while (written < length)
        {
            // Each write starts where the pattern left off (Kestrel's client sees one continuous sequence).
            var offset = written % 251;
            var count = Math.Min(Chunk - offset, length - written);
            await context.Response.Body.WriteAsync(chunk.AsMemory(offset, count), context.RequestAborted);
            written += count;
        }
    }

    /// <summary>Streams one call to its end through <paramref name="buffer"/>; returns the length and whether the pattern held.</summary>
    private static async Task<(long Length, bool PatternHolds)> DrainAsync(FaultRig rig, string path, byte[] buffer)
    {
        await using var streamed = await Fault.Within(rig.Client.PassthroughStreamAsync(FaultRig.Slug, PassthroughRequest.Get(path)));
        long length = 0;
        var holds = true;
        int read;
        while ((read = await streamed.Content.ReadAsync(buffer).AsTask().WaitAsync(Fault.Guard)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                holds &= buffer[i] == (byte)((length + i) % 251);
            }

            length += read;
        }

        return (length, holds);
    }
}
