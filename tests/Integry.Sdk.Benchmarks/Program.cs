using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Integry.Sdk.Benchmarks;

// --quick: every case's baseline and SDK variants interleaved in this process (Interleaved.cs): about a minute.
// --quick-summary: the median and spread over every saved --quick run.
// --paired [case|all] [seconds]: every case's variants alternating call by call, each call timed alone (Paired.cs).
// --phases [size] [seconds]: raw and executor calls split into before the send, the handler, after the headers (Phases.cs).
// --bdn-quick: every BenchmarkDotNet class in this process (in-process toolchain), few short iterations.
// Anything else goes to BenchmarkSwitcher as usual (e.g. --filter '*Payload*', --job short).
// The modes that take the rest of the arguments as their own, by their first argument.
var modes = new Dictionary<string, Func<string[], Task>>(StringComparer.Ordinal)
{
    ["--alloc-profile"] = AllocationProfile.RunAsync,
    ["--loop"] = CpuLoop.RunAsync,
    ["--paired"] = Paired.RunAsync,
    ["--phases"] = Phases.RunAsync,
    ["--overhead"] = InMemoryOverhead.RunAsync,
};
if (args.Length > 0 && modes.TryGetValue(args[0], out var mode))
{
    await mode(args[1..]);
    return;
}

if (args.Contains("--quick"))
{
    await Interleaved.RunAsync(args);
    return;
}

if (args.Contains("--quick-summary"))
{
    Interleaved.Summarize();
    return;
}

var quick = args.Contains("--bdn-quick");
var rest = args.Where(a => a != "--bdn-quick").ToArray();
if (quick && !rest.Contains("--filter"))
{
    rest = [.. rest, "--filter", "*"];
}

IConfig config = DefaultConfig.Instance
    .AddColumn(StatisticColumn.Median)
    .HideColumns(Column.Error, Column.RatioSD);

if (quick)
{
    config = config.AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(7)
        .WithIterationTime(TimeInterval.FromMilliseconds(200))
        .WithMaxRelativeError(0.05)
        .WithId("Quick"));
}

BenchmarkSwitcher.FromAssembly(typeof(BenchServer).Assembly).Run(rest, config);
