using System.Diagnostics;
using System.IO.Compression;
using Integry.Sdk.IntegrationTests.TestSupport;
using Microsoft.AspNetCore.Http;

namespace Integry.Sdk.IntegrationTests.Faults;

/// <summary>A small gzip body that inflates to 64 MiB of zeros, against a 1 MiB MaxResponseBytes.</summary>
public class GzipBombTests
{
    private const int InflatedBytes = 64 * 1024 * 1024;

    private static readonly Lazy<byte[]> Bomb = new(() =>
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < InflatedBytes / zeros.Length; i++)
            {
                gzip.Write(zeros);
            }
        }

        return compressed.ToArray();
    });

    [Test]
    public async Task The_bomb_fails_fast_on_MaxResponseBytes_and_the_executor_keeps_working()
    {
        var bomb = Bomb.Value;
        await using var server = await FaultServer.StartAsync(async (context, _) =>
        {
            context.Response.ContentType = "application/json";
            if (context.Request.Path == "/bomb")
            {
                context.Response.Headers.ContentEncoding = "gzip";
                context.Response.ContentLength = bomb.Length;
                await context.Response.Body.WriteAsync(bomb, context.RequestAborted);
                return;
            }

            await context.Response.WriteAsync("""{"ok":true}""");
        });
        using var rig = FaultRig.Create(server, options => options.MaxResponseBytes = 1024 * 1024);

        var stopwatch = Stopwatch.StartNew();
        var exception = await Assert.ThrowsAsync<IntegryException>(() => Fault.Within(rig.GetAsync("bomb")));
        stopwatch.Stop();
        var next = Fault.Executed(await Fault.Within(rig.GetAsync("after")));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(bomb, Has.Length.LessThan(1024 * 1024), "the compressed body itself is under the limit");
            Assert.That(exception.Message, Does.Contain("MaxResponseBytes"));
            Assert.That(stopwatch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "reading stops at the limit, not at 64 MiB");
            Assert.That(next.NetworkCode, Is.EqualTo(200));
            Assert.That(next.Output.GetProperty("ok").GetBoolean(), Is.True);
            Assert.That(server.Requests.Select(request => request.PathAndQuery), Is.EqualTo(new[] { "/bomb", "/after" }), "the bomb is not retried");
            Assert.That(server.Requests[0].Headers["Accept-Encoding"], Does.Contain("gzip"));
        }

        Fault.Report(
            $"gzip bomb: {bomb.Length / 1024} KiB → 64 MiB, MaxResponseBytes 1 MiB",
            $"{Fault.Describe(exception)} in {stopwatch.ElapsedMilliseconds} ms; next call {Fault.Describe(next)}",
            Fault.Describe(server.Requests));
    }
}
