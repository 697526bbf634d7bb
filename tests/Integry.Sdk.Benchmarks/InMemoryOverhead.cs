using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Integry.Sdk.Benchmarks;

/// <summary>
/// <c>--overhead [size] [rounds] [variant]</c>: what the SDK costs in CPU alone, without a socket or a server. Every variant sends
/// through the same handler, which answers at once from a precomputed array, so the time per call is the client-side
/// work only: raw <see cref="HttpClient"/>, Refit, the executor (<see cref="PassthroughOptions.AllowUnguardedHandler"/>:
/// the guard still checks every request) and the remote path. Interleaved in rounds like <c>--quick</c>; prints the
/// median nanoseconds and bytes per call, and the difference from raw. With a variant, only that one runs, for 10 s
/// (for a CPU profiler).
/// </summary>
public static class InMemoryOverhead
{
    public static async Task RunAsync(string[] args)
    {
        var size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : BenchServer.Size100B;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 21;
        var payload = Payloads.Create(size);
        byte[] envelope = [.. "{\"network_code\":\"200\",\"output\":"u8, .. payload, .. "}"u8];
        var baseAddress = new Uri("http://127.0.0.1:5000/");
        var uri = new Uri(baseAddress, $"payload/{size}");

        var raw = new HttpClient(new CannedHandler(payload)) { Timeout = Timeout.InfiniteTimeSpan };
        var refit = Refit.RestService.For<IBenchApi>(new HttpClient(new CannedHandler(payload)) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan });
        var options = new PassthroughOptions { Handler = new CannedHandler(payload), AllowUnguardedHandler = true };
        options.Apps.Add(new AppDefinition { Slug = BenchServer.AppSlug, DisplayName = "Bench", Hosts = ["127.0.0.1"], BaseUrl = baseAddress.AbsoluteUri, AllowLocalNetwork = true });
        var credentials = new InMemoryCredentialProvider();
        credentials.Connect(BenchServer.UserId, BenchServer.AppSlug, new Credential.BearerToken("t"));
        var executor = new IntegryClient(new IntegryClientOptions { UserId = BenchServer.UserId, PassthroughExecutor = new PassthroughExecutor(credentials, options) });
        var arguments = JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["method"] = "GET", ["url"] = uri.AbsoluteUri });
        var remoteRaw = new HttpClient(new CannedHandler(envelope)) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var remote = new IntegryClient(new IntegryClientOptions
        {
            AppKey = BenchServer.AppKey,
            AppSecret = BenchServer.AppSecret,
            UserId = BenchServer.UserId,
            BaseAddress = baseAddress,
            HttpClient = new HttpClient(new CannedHandler(envelope)) { Timeout = Timeout.InfiniteTimeSpan },
        });
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("s"u8, "user-1"u8));

        (string Name, Func<Task> Run)[] variants =
        [
            ("raw", () => RawCalls.GetJsonAsync(raw, uri)),
            ("executor", () => RawCalls.InvokeAsync(executor, BenchServer.PassthroughFunction, arguments)),
            ("refit", () => refit.GetPayloadAsync(size)),
            ("remote raw", () => RawCalls.CallFunctionAsync(remoteRaw, "payload", RemoteBenchmarks.Body, hash)),
            ("remote", () => RawCalls.InvokeAsync(remote, "payload", RemoteBenchmarks.Arguments)),
        ];

        if (args.Length > 2)
        {
            // One variant alone for a while, for a CPU profiler to sample.
            var only = variants.Single(v => v.Name == args[2]).Run;
            var watch = Stopwatch.StartNew();
            var calls = 0;
            while (watch.Elapsed.TotalSeconds < 10)
            {
                await only().ConfigureAwait(false);
                calls++;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[2]}: {watch.Elapsed.TotalNanoseconds / calls:F0} ns per call"));
            return;
        }

        var ops = size >= BenchServer.Size1MB ? 50 : 20_000;
        // Long enough for tiered compilation to finish with every variant's code (its delay restarts with each new method).
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var (_, run) in variants)
            {
                var warm = Stopwatch.StartNew();
                while (warm.ElapsedMilliseconds < 1000)
                {
                    await run().ConfigureAwait(false);
                }
            }
        }

        var times = variants.Select(_ => new List<double>()).ToArray();
        for (var round = 0; round < rounds; round++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var v = round % 2 == 0 ? k : variants.Length - 1 - k;
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < ops / 4; i++)
                {
                    await variants[v].Run().ConfigureAwait(false);
                }

                times[v].Add(Stopwatch.GetElapsedTime(start).TotalNanoseconds / (ops / 4));
            }
        }

        Console.WriteLine($"In-memory overhead, {size} B answer, {rounds} rounds of {ops / 4} calls per variant (median ns per call; bytes exact)");
        var medians = times.Select(t => t.Order().ElementAt(t.Count / 2)).ToArray();
        for (var v = 0; v < variants.Length; v++)
        {
            var bytes = await BytesPerCallAsync(variants[v].Run, Math.Min(ops, 2000)).ConfigureAwait(false);
            var baseline = v >= 3 ? 3 : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variants[v].Name,-12} {medians[v],10:F0} ns  {medians[v] - medians[baseline],+8:F0} ns over {variants[baseline].Name,-10} {bytes,8:N0} B"));
        }
    }

    private static async Task<double> BytesPerCallAsync(Func<Task> run, int ops)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < ops; i++)
        {
            await run().ConfigureAwait(false);
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)ops;
    }

    /// <summary>Answers every request at once with the same JSON, as a server would with <c>Content-Length</c>.</summary>
    private sealed class CannedHandler(byte[] body) : HttpMessageHandler
    {
        private static readonly MediaTypeHeaderValue Json = new("application/json");

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            content.Headers.ContentLength = body.Length;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = content, RequestMessage = request });
        }
    }
}
