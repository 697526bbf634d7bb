using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Integry.Sdk.Benchmarks;

/// <summary>
/// <c>--loop raw|executor|executor-nolog|refit|raw-sdk-handler|raw-sdk-read|remote-raw|remote size seconds [in-flight]</c>: one variant called sequentially for a while, for a CPU
/// profiler to sample (<c>dotnet-trace collect --profile cpu-sampling -- …</c>); prints the calls per second at the end.
/// </summary>
public static class CpuLoop
{
    public static async Task RunAsync(string[] args)
    {
        var variant = args.Length > 0 ? args[0] : "executor";
        var size = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : BenchServer.Size100B;
        var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var inFlight = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        var server = BenchServer.Instance;
        var uri = server.PayloadUri(size);
        var arguments = server.PassthroughArguments(size);
        var function = BenchServer.RemoteFunction(size);
        Func<Task<JsonElement>> one = variant switch
        {
            "raw" => () => RawCalls.GetJsonAsync(server.RawClient, uri),
            "executor" => () => RawCalls.InvokeAsync(server.PassthroughClient, BenchServer.PassthroughFunction, arguments),
            "executor-nolog" => WithoutCallLog(server, arguments),
            "refit" => () => server.RefitApi.GetPayloadAsync(size),
            "raw-sdk-handler" => ThroughSdkHandler(uri),
            "raw-sdk-read" => () => RawCalls.GetOutputAsSdkReadsItAsync(server.RawClient, uri),
            "remote-raw" => () => RawCalls.CallFunctionAsync(server.RemoteRawClient, function, RemoteBenchmarks.Body, server.RemoteHash),
            "remote" => () => RawCalls.InvokeAsync(server.RemoteClient, function, RemoteBenchmarks.Arguments),
            _ => throw new ArgumentException($"Unknown variant '{variant}'.", nameof(args)),
        };
        Func<Task> call = inFlight == 1 ? one : () => ConcurrencyBenchmarks.Fan(inFlight, one);

        for (var i = 0; i < 2_000; i++)
        {
            await call().ConfigureAwait(false);
        }

        var calls = 0L;
        var workItems = ThreadPool.CompletedWorkItemCount;
        var switches = ContextSwitches();
        var gcs = GC.CollectionCount(0);
        var paused = GC.GetTotalPauseDuration();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            await call().ConfigureAwait(false);
            calls += inFlight;
        }

        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var switchesPerCall = (ContextSwitches() - switches) / (double)calls;
        var itemsPerCall = (ThreadPool.CompletedWorkItemCount - workItems) / (double)calls;
        var pausePerCall = (GC.GetTotalPauseDuration() - paused).TotalMicroseconds / calls;
        var gcsPerThousand = (GC.CollectionCount(0) - gcs) * 1000.0 / calls;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{variant} {size} B: {calls:N0} calls in {watch.Elapsed.TotalSeconds:F1} s, {watch.Elapsed.TotalMicroseconds / calls:F1} us/call wall, {cpuUsed.TotalMicroseconds / calls:F1} us/call CPU (process), {itemsPerCall:F2} thread-pool work items/call, {gcsPerThousand:F2} gen0 GCs per 1,000 calls ({pausePerCall:F1} us/call paused), {switchesPerCall:F2} context switches/call"));
    }

    /// <summary>Voluntary and involuntary context switches of every thread of this process so far (Linux).</summary>
    public static long ContextSwitches()
    {
        long total = 0;
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line[(line.IndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread ended.
            }
        }

        return total;
    }

    /// <summary>The executor call with a call log that keeps nothing: what the default log costs the collector.</summary>
    /// <summary>The raw call through the executor's own handler chain (its primary handler and the guard).</summary>
    private static Func<Task<JsonElement>> ThroughSdkHandler(Uri uri)
    {
        var invoker = new HttpMessageInvoker(PassthroughExecutor.CreatePrimaryHandler());
        return () => RawCalls.GetJsonThroughGuardAsync(invoker, uri);
    }

    private static Func<Task<JsonElement>> WithoutCallLog(BenchServer server, JsonElement arguments)
    {
        var client = server.PassthroughClientWith(new DiscardingCallLog());
        return () => RawCalls.InvokeAsync(client, BenchServer.PassthroughFunction, arguments);
    }

    /// <summary>A call log that keeps nothing: what the default in-memory log costs the garbage collector.</summary>
    public sealed class DiscardingCallLog : IFunctionCallLog
    {
        public static DiscardingCallLog Instance { get; } = new();

        public ValueTask RecordAsync(FunctionCallRecord record, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }
}
