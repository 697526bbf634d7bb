using System.Diagnostics;
using System.Globalization;
using static Integry.Sdk.Benchmarks.Stats;

namespace Integry.Sdk.Benchmarks;

/// <summary>
/// <c>--phases [size] [seconds]</c>: where a call's time goes, raw, executor and Refit alternating call by call. A handler at the
/// top of each client's chain stamps the moment the request enters it and the moment its response headers come back,
/// which splits each call into before the send (building and checking the request), the handler (the network and the
/// server) and after the headers (reading the body, building the result, the call log). Medians of each phase.
/// </summary>
public static class Phases
{
    public static async Task RunAsync(string[] args)
    {
        var size = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : BenchServer.Size100B;
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var server = BenchServer.Instance;
        var uri = server.PayloadUri(size);
        var arguments = server.PassthroughArguments(size);
        var rawStamps = new Stamps();
        var raw = new HttpClient(new StampingHandler(rawStamps, BenchServer.NewHandler())) { Timeout = Timeout.InfiniteTimeSpan };
        var executorStamps = new Stamps();
        var executor = server.PassthroughClientWith(callLog: null, wrap: inner => new StampingHandler(executorStamps, inner));
        var refitStamps = new Stamps();
        var refit = Refit.RestService.For<IBenchApi>(new HttpClient(new StampingHandler(refitStamps, BenchServer.NewHandler())) { BaseAddress = server.BaseAddress, Timeout = Timeout.InfiniteTimeSpan });
        var variants = new (string Name, Stamps Stamps, Func<Task> Run)[]
        {
            ("Raw", rawStamps, () => RawCalls.GetJsonAsync(raw, uri)),
            ("Executor", executorStamps, () => RawCalls.InvokeAsync(executor, BenchServer.PassthroughFunction, arguments)),
            ("Refit", refitStamps, () => refit.GetPayloadAsync(size)),
        };
        foreach (var (_, _, run) in variants)
        {
            var watch = Stopwatch.StartNew();
            while (watch.ElapsedMilliseconds < 2_000)
            {
                await run().ConfigureAwait(false);
            }
        }

        var phases = variants.Select(_ => (Before: new List<double>(), Handler: new List<double>(), After: new List<double>(), Whole: new List<double>())).ToArray();
        var until = Stopwatch.StartNew();
        for (var turn = 0; until.Elapsed.TotalSeconds < seconds; turn++)
        {
            for (var k = 0; k < variants.Length; k++)
            {
                var v = (turn + k) % variants.Length;
                var start = Stopwatch.GetTimestamp();
                await variants[v].Run().ConfigureAwait(false);
                var end = Stopwatch.GetTimestamp();
                var stamps = variants[v].Stamps;
                phases[v].Before.Add(Stopwatch.GetElapsedTime(start, stamps.Entered).TotalMicroseconds);
                phases[v].Handler.Add(Stopwatch.GetElapsedTime(stamps.Entered, stamps.Answered).TotalMicroseconds);
                phases[v].After.Add(Stopwatch.GetElapsedTime(stamps.Answered, end).TotalMicroseconds);
                phases[v].Whole.Add(Stopwatch.GetElapsedTime(start, end).TotalMicroseconds);
            }
        }

        Console.WriteLine($"{size} B, {phases[0].Whole.Count:N0} calls each; medians in µs");
        Console.WriteLine("| Variant | Before the send | Handler (network, server) | After the headers | Whole call |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        for (var v = 0; v < variants.Length; v++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {variants[v].Name} | {Median(phases[v].Before):F1} | {Median(phases[v].Handler):F1} | {Median(phases[v].After):F1} | {Median(phases[v].Whole):F1} |"));
        }
    }

    private sealed class Stamps
    {
        public long Entered { get; set; }

        public long Answered { get; set; }
    }

    /// <summary>Stamps when a request enters the chain and when its response headers come back (sequential calls only).</summary>
    private sealed class StampingHandler(Stamps stamps, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            stamps.Entered = Stopwatch.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            stamps.Answered = Stopwatch.GetTimestamp();
            return response;
        }
    }
}
