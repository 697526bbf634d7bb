using System.Diagnostics;
using System.Globalization;
using static Integry.Sdk.Benchmarks.Stats;

namespace Integry.Sdk.Benchmarks;

/// <summary>
/// <c>--paired [case|all] [seconds per case]</c>: the variants of a quick-run case alternate call by call (the order
/// rotates every turn) and every operation is timed alone. A stall (a collection, the host taking a core, a build of
/// another session) lands on one operation of one variant, not on a whole block of one variant as in <c>--quick</c>:
/// medians of per-operation times compare the calls themselves. Per case: the ratio of the medians, the ratio of the
/// means without each variant's slowest 1 % (collections stay in; only the host's stalls go), and the spread of the
/// median ratio over five consecutive fifths of the run.
/// </summary>
public static class Paired
{
    private const int Fifths = 5;

    public static async Task RunAsync(string[] args)
    {
        var filter = args.Length > 0 ? args[0] : "all";
        var seconds = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var cases = Cases.All().Concat(Cases.Diagnosis())
            .Where(c => filter == "all" ? !c.Name.StartsWith("diagnosis", StringComparison.Ordinal) : c.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .ToList();
        Console.WriteLine($"Paired run: {cases.Count} case(s), about {seconds} s each, variants alternating operation by operation; load average at start: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Case | Variant | Baseline median | Variant median | Ratio of medians | Spread (fifths) | Ratio of trimmed means | Operations |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var @case in cases)
        {
            await MeasureAsync(@case, seconds).ConfigureAwait(false);
        }

        Console.WriteLine();
        Console.WriteLine($"Load average at end: {LoadAverage()}");
    }

    private static async Task MeasureAsync(BenchCase @case, double seconds)
    {
        var variants = @case.Variants;
        var perOp = 0.0;
        foreach (var (_, run) in variants)
        {
            // Tiered compilation settles, connections open; the last variant's speed sizes the run.
            var watch = Stopwatch.StartNew();
            var ops = 0;
            while (ops < 5 || watch.ElapsedMilliseconds < Math.Max(1_000, @case.WarmUpMs))
            {
                await run().ConfigureAwait(false);
                ops++;
            }

            perOp = Math.Max(perOp, watch.Elapsed.TotalSeconds / ops);
        }

        var turns = Math.Max(Fifths * 4, (int)(seconds / (perOp * variants.Count)));
        var times = variants.Select(_ => new double[turns]).ToArray();
        for (var turn = 0; turn < turns; turn++)
        {
            for (var k = 0; k < variants.Count; k++)
            {
                var v = (turn + k) % variants.Count;
                var start = Stopwatch.GetTimestamp();
                await variants[v].Run().ConfigureAwait(false);
                times[v][turn] = Stopwatch.GetElapsedTime(start).TotalNanoseconds;
            }
        }

        var baseline = times[0];
        for (var v = 1; v < variants.Count; v++)
        {
            var fifth = turns / Fifths;
            var parts = Enumerable.Range(0, Fifths)
                .Select(i => Median(times[v].Skip(i * fifth).Take(fifth)) / Median(baseline.Skip(i * fifth).Take(fifth)))
                .Order()
                .ToArray();
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {@case.Name} | {variants[v].Name} vs {variants[0].Name} | {Time(Median(baseline))} | {Time(Median(times[v]))} | {Median(times[v]) / Median(baseline):F3} | {parts[0]:F3}–{parts[^1]:F3} | {TrimmedMean(times[v]) / TrimmedMean(baseline):F3} | {turns:N0} |"));
        }
    }

    private static double TrimmedMean(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.AsSpan(0, Math.Max(1, (int)(sorted.Length * 0.99))).ToArray().Average();
    }
}
