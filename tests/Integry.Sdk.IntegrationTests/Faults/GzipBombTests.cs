using System.IO.Compression;
using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>
/// A gzip body that inflates past MaxResponseBytes (1 MiB) and never ends: the app sends 2 MiB of compressed zeros
/// (a few KiB on the wire), then holds the connection open. Only a reader that stops at the limit ends the call; one
/// that reads on would wait for the rest forever (and the test's guard would fail it). No clock is involved.
/// </summary>
public class GzipBombTests
{
    private const int Limit = 1024 * 1024;
    private const int InflatedBytesSent = 2 * Limit;

    [Test]
    public async Task The_bomb_stops_at_MaxResponseBytes_without_reading_on_and_the_executor_keeps_working()
    {
        var compressedBytesSent = 0L;
        var clientWentAway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await FaultServer.StartAsync(async (self, context, _) =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Path != "/bomb")
            {
                await context.Response.WriteAsync("""{"ok":true}""");
                return;
            }

            context.Features.Get<IHttpResponseBodyFeature>()!.DisableBuffering();
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.StartAsync(context.RequestAborted);
            var counting = new CountingStream(context.Response.Body);
            await using (var gzip = new GZipStream(counting, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var zeros = new byte[64 * 1024];
                for (var sent = 0; sent < InflatedBytesSent; sent += zeros.Length)
                {
                    await gzip.WriteAsync(zeros, context.RequestAborted);
                }

                await gzip.FlushAsync(context.RequestAborted);
                Interlocked.Exchange(ref compressedBytesSent, counting.Written);
                await self.HangAsync(context); // the stream is never finished: more would come, as far as the client knows
                if (context.RequestAborted.IsCancellationRequested)
                {
                    clientWentAway.TrySetResult();
                }
            }
        });
        using var rig = FaultRig.Create(server, options => options.MaxResponseBytes = Limit);

        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(rig.GetAsync("bomb")));
        await clientWentAway.Task.WaitAsync(Fault.Guard);
        var next = Fault.Executed(await Fault.Within(rig.GetAsync("after")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Interlocked.Read(ref compressedBytesSent), Is.LessThan(Limit), "what crossed the wire is under the limit; only the inflated body is over it");
            Assert.That(exception!.Message, Does.Contain("MaxResponseBytes"));
            Assert.That(next.NetworkCode, Is.EqualTo(200));
            Assert.That(next.Output.GetProperty("ok").GetBoolean(), Is.True);
            Assert.That(server.Requests.Select(request => request.PathAndQuery), Is.EqualTo(new[] { "/bomb", "/after" }), "the bomb is not retried");
            Assert.That(server.Requests[0].Headers["Accept-Encoding"], Does.Contain("gzip"));
        }

        Fault.Report(
            $"gzip bomb: {Interlocked.Read(ref compressedBytesSent)} bytes → 2 MiB and never ending, MaxResponseBytes 1 MiB",
            $"{Fault.Describe(exception)}; the client closed the connection; next call {Fault.Describe(next)}",
            Fault.Describe(server.Requests));
    }

    /// <summary>Counts the compressed bytes written to the response.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Written += count;
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written += buffer.Length;
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
