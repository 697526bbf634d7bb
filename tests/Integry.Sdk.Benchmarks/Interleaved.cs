using System.Diagnostics;
using System.Globalization;
using static Integry.Sdk.Benchmarks.Stats;

namespace Integry.Sdk.Benchmarks;

/// <summary>
/// <c>--quick</c>: every case's baseline and SDK variants run in the same process, alternating in short blocks
/// (A B C, then C B A, ...), so drift on a shared machine (other builds, thermal, GC) hits every variant alike. Per
/// round the time ratio variant / baseline is taken; a case reports the median of those ratios and their spread
/// (min–max). Allocation is measured in a separate sequential pass as exact process-wide bytes per operation
/// (<see cref="GC.GetTotalAllocatedBytes(bool)"/>): the server's share is the same on both sides and cancels out in
/// the difference. Each run appends its rows to <c>BenchmarkDotNet.Artifacts/quick/*.csv</c>;
/// <c>--quick-summary</c> combines every saved run (median of the runs' ratios, min–max across runs).
/// </summary>
public static class Interleaved
{
    private static readonly string Folder = Path.Combine("BenchmarkDotNet.Artifacts", "quick");

    public static async Task RunAsync(string[] args)
    {
        var rounds = ArgValue(args, "--rounds") ?? 15;
        var blockMs = ArgValue(args, "--block-ms") ?? 60;
        var filter = args.SkipWhile(a => a != "--filter").Skip(1).FirstOrDefault()?.Trim('*');
        var cases = (args.Contains("--diagnose") ? Cases.Diagnosis() : Cases.All()).Where(c => filter is null || c.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)).ToList();
        var started = DateTimeOffset.UtcNow;
        Console.WriteLine($"Interleaved quick run: {cases.Count} cases, {rounds} rounds of ~{blockMs} ms blocks per variant; load average at start: {LoadAverage()}");

        // Every case's code first, so tiered compilation has settled for the cases measured first as well as the last.
        Console.Write("Warming up every case");
        foreach (var @case in cases)
        {
            foreach (var (_, run) in @case.Variants)
            {
                await WarmUpAsync(run, @case.WarmUpMs).ConfigureAwait(false);
            }
        }

        Console.WriteLine();
        var rows = new List<Row>();
        foreach (var @case in cases)
        {
            rows.AddRange(await MeasureAsync(@case, rounds, blockMs).ConfigureAwait(false));
        }

        Console.WriteLine();
        Console.WriteLine($"Load average at end: {LoadAverage()}; wall time {(DateTimeOffset.UtcNow - started).TotalSeconds:F0} s");
        Print(rows);
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, $"run-{started:yyyyMMdd-HHmmss}.csv");
        await File.WriteAllLinesAsync(file, rows.Select(r => r.ToCsv())).ConfigureAwait(false);
        Console.WriteLine($"Saved {file}");
    }

    /// <summary>Combines every saved run: per row, the median of the runs' median ratios and the min–max across runs.</summary>
    public static void Summarize()
    {
        var runs = Directory.Exists(Folder) ? Directory.GetFiles(Folder, "run-*.csv").Order().ToArray() : [];
        var rows = runs.SelectMany(file => File.ReadAllLines(file).Select(Row.FromCsv)).ToList();
        Console.WriteLine($"{runs.Length} run(s): {string.Join(", ", runs.Select(Path.GetFileNameWithoutExtension))}");
        Console.WriteLine();
        Console.WriteLine("| Case | Variant | Runs | Time ratio (median of runs) | Spread across runs | Baseline median | Variant median | Allocated / op | Extra / op |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var group in rows.GroupBy(r => (r.Case, r.Variant)))
        {
            var list = group.ToList();
            var ratios = list.Select(r => r.RatioMedian).Order().ToArray();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {group.Key.Case} | {group.Key.Variant} | {list.Count} | {Median(ratios):F3} | {ratios[0]:F3}–{ratios[^1]:F3} | {Time(Median(list.Select(r => r.BaselineNs)))} | {Time(Median(list.Select(r => r.VariantNs)))} | {Bytes(Median(list.Select(r => r.AllocatedBytes)))} | {Bytes(Median(list.Select(r => r.ExtraBytes)))} |"));
        }
    }

    private static async Task<List<Row>> MeasureAsync(BenchCase @case, int rounds, int blockMs)
    {
        var variants = @case.Variants;
        Console.Write($"{@case.Name}: warm-up");

        // Warm-up: every variant for a while (JIT, tiering, connection pools), and the block size from the baseline's speed.
        var perOp = new double[variants.Count];
        for (var v = 0; v < variants.Count; v++)
        {
            perOp[v] = await WarmUpAsync(variants[v].Run, @case.WarmUpMs).ConfigureAwait(false);
        }

        var opsPerBlock = Math.Max(1, (int)(blockMs * 1_000_000.0 / perOp[0]));
        var times = variants.Select(_ => new List<double>()).ToArray();
        var scheduling = variants.Select(_ => new Scheduling()).ToArray();
        Console.Write($", {rounds} rounds x {opsPerBlock} op(s)");
        for (var round = 0; round < rounds; round++)
        {
            // Alternate the order every round, so no variant always runs right after another's garbage.
            for (var k = 0; k < variants.Count; k++)
            {
                var v = round % 2 == 0 ? k : variants.Count - 1 - k;
                var switches = CpuLoop.ContextSwitches();
                var items = ThreadPool.CompletedWorkItemCount;
                times[v].Add(await TimeBlockAsync(variants[v].Run, opsPerBlock).ConfigureAwait(false));
                scheduling[v].Switches += CpuLoop.ContextSwitches() - switches;
                scheduling[v].WorkItems += ThreadPool.CompletedWorkItemCount - items;
                scheduling[v].Ops += opsPerBlock;
            }
        }

        Console.Write(", allocation");
        var allocated = new double[variants.Count];
        for (var v = 0; v < variants.Count; v++)
        {
            allocated[v] = await AllocatedPerOpAsync(variants[v].Run, @case.AllocationOps).ConfigureAwait(false);
        }

        Console.WriteLine(" done");
        if (Environment.GetEnvironmentVariable("BENCH_SCHEDULING") == "1")
        {
            for (var v = 0; v < variants.Count; v++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {variants[v].Name}: {scheduling[v].Switches / (double)scheduling[v].Ops:F2} context switches, {scheduling[v].WorkItems / (double)scheduling[v].Ops:F2} thread-pool work items per op"));
            }
        }
        var rows = new List<Row>();
        for (var v = 1; v < variants.Count; v++)
        {
            var ratios = times[v].Zip(times[0], (variant, baseline) => variant / baseline).Order().ToArray();
            rows.Add(new Row(
                @case.Name,
                variants[v].Name,
                variants[0].Name,
                Median(times[0]),
                Median(times[v]),
                Median(ratios),
                Percentile(ratios, 0.25),
                Percentile(ratios, 0.75),
                ratios[0],
                ratios[^1],
                allocated[0],
                allocated[v],
                allocated[v] - allocated[0],
                @case.CallsPerOp));
        }

        return rows;
    }

    private static async Task<double> WarmUpAsync(Func<Task> run, int warmUpMs)
    {
        var watch = Stopwatch.StartNew();
        var ops = 0;
        while (ops < 3 || watch.ElapsedMilliseconds < warmUpMs)
        {
            await run().ConfigureAwait(false);
            ops++;
        }

        // The speed of the last few operations, after tiering settled.
        var last = Stopwatch.StartNew();
        var tail = Math.Max(1, ops / 4);
        for (var i = 0; i < tail; i++)
        {
            await run().ConfigureAwait(false);
        }

        return last.Elapsed.TotalNanoseconds / tail;
    }

    private static async Task<double> TimeBlockAsync(Func<Task> run, int ops)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < ops; i++)
        {
            await run().ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / ops;
    }

    private static async Task<double> AllocatedPerOpAsync(Func<Task> run, int ops)
    {
        await run().ConfigureAwait(false);
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < ops; i++)
        {
            await run().ConfigureAwait(false);
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)ops;
    }

    private static void Print(List<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine("| Case | Variant | Baseline median | Variant median | Time ratio (median of rounds) | IQR | Min–max | Baseline alloc / op | Variant alloc / op | Extra / op | Extra / call |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Case} | {r.Variant} vs {r.Baseline} | {Time(r.BaselineNs)} | {Time(r.VariantNs)} | {r.RatioMedian:F3} | {r.RatioQ1:F3}–{r.RatioQ3:F3} | {r.RatioMin:F3}–{r.RatioMax:F3} | {Bytes(r.BaselineBytes)} | {Bytes(r.AllocatedBytes)} | {Bytes(r.ExtraBytes)} | {Bytes(r.ExtraBytes / r.CallsPerOp)} |"));
        }
    }

    private static int? ArgValue(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : null;
    }

    /// <summary>What a variant's blocks cost the scheduler: context switches of every thread, and thread-pool work items.</summary>
    private sealed class Scheduling
    {
        public long Switches { get; set; }

        public long WorkItems { get; set; }

        public long Ops { get; set; }
    }

    /// <summary>One variant against its case's baseline, from one run.</summary>
    private sealed record Row(
        string Case,
        string Variant,
        string Baseline,
        double BaselineNs,
        double VariantNs,
        double RatioMedian,
        double RatioQ1,
        double RatioQ3,
        double RatioMin,
        double RatioMax,
        double BaselineBytes,
        double AllocatedBytes,
        double ExtraBytes,
        int CallsPerOp)
    {
        public string ToCsv() => string.Join(',', new object[] { Case, Variant, Baseline, BaselineNs, VariantNs, RatioMedian, RatioQ1, RatioQ3, RatioMin, RatioMax, BaselineBytes, AllocatedBytes, ExtraBytes, CallsPerOp }
            .Select(value => Convert.ToString(value, CultureInfo.InvariantCulture)));

        public static Row FromCsv(string line)
        {
            var p = line.Split(',');
            double D(int i) => double.Parse(p[i], CultureInfo.InvariantCulture);
            return new Row(p[0], p[1], p[2], D(3), D(4), D(5), D(6), D(7), D(8), D(9), D(10), D(11), D(12), int.Parse(p[13], CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>One measured case: the baseline first, then the variants compared with it.</summary>
public sealed record BenchCase(string Name, IReadOnlyList<(string Name, Func<Task> Run)> Variants, int WarmUpMs = 400, int AllocationOps = 2000, int CallsPerOp = 1);

/// <summary>The cases of the quick run: the same calls as the BenchmarkDotNet classes.</summary>
public static class Cases
{
    public static IEnumerable<BenchCase> All()
    {
        var server = BenchServer.Instance;
        foreach (var size in new[] { BenchServer.Size100B, BenchServer.Size10KB, BenchServer.Size1MB })
        {
            var uri = server.PayloadUri(size);
            var arguments = server.PassthroughArguments(size);
            var big = size == BenchServer.Size1MB;
            yield return new BenchCase(
                $"payload {Label(size)}",
                [
                    ("Raw", () => RawCalls.GetJsonAsync(server.RawClient, uri)),
                    ("Executor", () => RawCalls.InvokeAsync(server.PassthroughClient, BenchServer.PassthroughFunction, arguments)),
                    ("Refit", () => server.RefitApi.GetPayloadAsync(size)),
                ],
                AllocationOps: big ? 100 : 2000);
        }

        foreach (var size in new[] { BenchServer.Size100B, BenchServer.Size10KB })
        {
            var function = BenchServer.RemoteFunction(size);
            var body = RemoteBenchmarks.Body;
            var arguments = RemoteBenchmarks.Arguments;
            yield return new BenchCase(
                $"remote {Label(size)}",
                [
                    ("Raw", () => RawCalls.CallFunctionAsync(server.RemoteRawClient, function, body, server.RemoteHash)),
                    ("Remote", () => RawCalls.InvokeAsync(server.RemoteClient, function, arguments)),
                ]);
        }

        foreach (var inFlight in new[] { 1, 64, 512 })
        {
            var uri = server.PayloadUri(BenchServer.Size10KB);
            var arguments = server.PassthroughArguments(BenchServer.Size10KB);
            yield return new BenchCase(
                $"in flight {inFlight} (10 KB)",
                [
                    ("Raw", () => ConcurrencyBenchmarks.Fan(inFlight, () => RawCalls.GetJsonAsync(server.RawClient, uri))),
                    ("Executor", () => ConcurrencyBenchmarks.Fan(inFlight, () => RawCalls.InvokeAsync(server.PassthroughClient, BenchServer.PassthroughFunction, arguments))),
                ],
                AllocationOps: Math.Max(5, 2000 / inFlight),
                CallsPerOp: inFlight);
        }

        var large = server.PayloadUri(BenchServer.Size64MB);
        var largeArguments = server.PassthroughArguments(BenchServer.Size64MB);
        yield return new BenchCase(
            "64 MB buffered",
            [
                ("Raw", () => RawCalls.GetJsonAsync(server.RawClient, large)),
                ("Executor", () => RawCalls.InvokeAsync(server.PassthroughClient, BenchServer.PassthroughFunction, largeArguments)),
            ],
            WarmUpMs: 1000,
            AllocationOps: 5);

        var buffer = new byte[LargeResponseBenchmarks.DrainBufferSize];
        yield return new BenchCase(
            "64 MB streamed",
            [
                ("RawStreamed", () => RawCalls.DrainAsync(server.RawClient, large, buffer)),
                ("ExecutorStreamed", () => RawCalls.DrainStreamedAsync(server.PassthroughClient, BenchServer.AppSlug, large, buffer)),
            ],
            WarmUpMs: 1000,
            AllocationOps: 5);
    }

    /// <summary><c>--diagnose</c>: the raw 100 B call with one of the executor's differences at a time (its connect callback,
    /// User-Agent, a cancellable token, the deadline's timer changes, its whole handler chain with the guard, its way of
    /// reading the body into <c>output</c>), next to the executor.</summary>
    public static IEnumerable<BenchCase> Diagnosis()
    {
        var server = BenchServer.Instance;
        var uri = server.PayloadUri(BenchServer.Size100B);
        var arguments = server.PassthroughArguments(BenchServer.Size100B);
        var withCallback = BenchServer.NewClient(connectCallback: async (context, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        });
        var withUserAgent = BenchServer.NewClient();
        withUserAgent.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", "Integry.Sdk/1.0.0");
        var timers = new System.Collections.Concurrent.ConcurrentQueue<CancellationTokenSource>();
        var cancelable = new CancellationTokenSource();
        var sdkHandler = new HttpMessageInvoker(PassthroughExecutor.CreatePrimaryHandler());
        var noLog = server.PassthroughClientWith(CpuLoop.DiscardingCallLog.Instance);
        // A second executor client identical to server.PassthroughClient: how far two identical clients (their own
        // connections) differ, the floor under any executor row. Measured: up to 6 %.
        var again = server.PassthroughClientWith(callLog: null);
        yield return new BenchCase(
            "diagnosis 100 B",
            [
                ("Raw", () => RawCalls.GetJsonAsync(server.RawClient, uri)),
                ("RawConnectCallback", () => RawCalls.GetJsonAsync(withCallback, uri)),
                ("RawUserAgent", () => RawCalls.GetJsonAsync(withUserAgent, uri)),
                ("RawTimerToken", () => WithDeadlineTimerChanges(timers, token => RawCalls.GetJsonAsync(server.RawClient, uri, token))),
                ("RawCancelableToken", () => RawCalls.GetJsonAsync(server.RawClient, uri, cancelable.Token)),
                ("RawTimersOnly", () => WithDeadlineTimerChanges(timers, _ => RawCalls.GetJsonAsync(server.RawClient, uri, CancellationToken.None))),
                ("RawSdkHandler", () => RawCalls.GetJsonThroughGuardAsync(sdkHandler, uri)),
                ("RawSdkRead", () => RawCalls.GetOutputAsSdkReadsItAsync(server.RawClient, uri)),
                ("RawPlus3usCpu", () => { SpinFor(3_000); return RawCalls.GetJsonAsync(server.RawClient, uri); }),
                ("RawStringUrl", () => RawCalls.GetJsonAsync(server.RawClient, new Uri(uri.AbsoluteUri))),
                ("Executor", () => RawCalls.InvokeAsync(server.PassthroughClient, BenchServer.PassthroughFunction, arguments)),
                ("ExecutorNoLog", () => RawCalls.InvokeAsync(noLog, BenchServer.PassthroughFunction, arguments)),
                ("ExecutorAgain", () => RawCalls.InvokeAsync(again, BenchServer.PassthroughFunction, arguments)),
            ]);
    }

    /// <summary>The timer changes a call's deadline makes (a reused source set to the call's and the attempt's limits, then
    /// restored and reset) around a call that gets the source's token or ignores it.</summary>
    private static async Task WithDeadlineTimerChanges(System.Collections.Concurrent.ConcurrentQueue<CancellationTokenSource> timers, Func<CancellationToken, Task> call)
    {
        if (!timers.TryDequeue(out var timer))
        {
            timer = new CancellationTokenSource();
        }

        timer.CancelAfter(TimeSpan.FromSeconds(100));
        timer.CancelAfter(TimeSpan.FromSeconds(30));
        await call(timer.Token).ConfigureAwait(false);
        timer.CancelAfter(TimeSpan.FromSeconds(70));
        timer.TryReset();
        timers.Enqueue(timer);
    }

    /// <summary>Burns this much CPU on the calling thread before the send (no memory touched): what CPU alone of the executor's
    /// size costs a raw call. Measured: nothing (0.996-1.004), so the executor's cost is not its instructions alone.</summary>
    private static void SpinFor(long nanoseconds)
    {
        var until = System.Diagnostics.Stopwatch.GetTimestamp() + (nanoseconds * System.Diagnostics.Stopwatch.Frequency / 1_000_000_000);
        while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
        {
        }
    }

    private static string Label(int size) => size switch
    {
        >= 1024 * 1024 => $"{size / (1024 * 1024)} MB",
        >= 1024 => $"{size / 1024} KB",
        _ => $"{size} B",
    };
}
