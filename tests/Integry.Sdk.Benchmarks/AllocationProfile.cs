using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text.Json;

namespace Integry.Sdk.Benchmarks;

/// <summary>
/// <c>--alloc-profile [remote] [size] [calls] [in-flight]</c>: which types a call allocates, raw vs executor (or, with
/// <c>remote</c>, raw <c>POST functions/{name}/call/</c> vs the remote path), from the runtime's sampled
/// GCAllocationTick events (one about every 100 KB, so a type's share of samples is its share of bytes). Sequential
/// calls against the same loopback server; the server's own allocations appear in both columns and cancel out.
/// </summary>
public static class AllocationProfile
{
    public static async Task RunAsync(string[] args)
    {
        var remote = args.Length > 0 && args[0] == "remote";
        args = remote ? args[1..] : args;
        var size = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : BenchServer.Size100B;
        var calls = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        var inFlight = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var server = BenchServer.Instance;
        var uri = server.PayloadUri(size);
        var arguments = server.PassthroughArguments(size);
        Func<Task<JsonElement>> raw = () => RawCalls.GetJsonAsync(server.RawClient, uri);
        Func<Task<JsonElement>> executor = () => RawCalls.InvokeAsync(server.PassthroughClient, BenchServer.PassthroughFunction, arguments);
        if (remote)
        {
            var function = BenchServer.RemoteFunction(size);
            raw = () => RawCalls.CallFunctionAsync(server.RemoteRawClient, function, RemoteBenchmarks.Body, server.RemoteHash);
            executor = () => RawCalls.InvokeAsync(server.RemoteClient, function, RemoteBenchmarks.Arguments);
        }


        if (inFlight > 1)
        {
            // Batches of calls started at once (as the in-flight benchmarks run them); the figures stay per call.
            var (oneRaw, oneExecutor) = (raw, executor);
            raw = async () => (await ConcurrencyBenchmarks.Fan(inFlight, oneRaw).ConfigureAwait(false))[0];
            executor = async () => (await ConcurrencyBenchmarks.Fan(inFlight, oneExecutor).ConfigureAwait(false))[0];
            calls = Math.Max(1, calls / inFlight);
        }

        var rawProfile = await ProfileAsync(raw, calls, inFlight).ConfigureAwait(false);
        var executorProfile = await ProfileAsync(executor, calls, inFlight).ConfigureAwait(false);
        Console.WriteLine($"Allocated bytes per call (exact): raw {rawProfile.BytesPerCall:N0}, executor {executorProfile.BytesPerCall:N0}, difference {executorProfile.BytesPerCall - rawProfile.BytesPerCall:N0}");
        Console.WriteLine($"Sampled bytes per call by type ({size} B payload, {calls * inFlight} calls each, {inFlight} in flight):");
        Console.WriteLine($"{"type",-90} {"raw",8} {"executor",9} {"extra",8}");
        foreach (var type in executorProfile.ByType.Keys.Union(rawProfile.ByType.Keys)
            .Select(t => (Type: t, Raw: rawProfile.ByType.GetValueOrDefault(t), Executor: executorProfile.ByType.GetValueOrDefault(t)))
            .OrderByDescending(t => t.Executor - t.Raw).Take(40))
        {
            Console.WriteLine($"{Shorten(type.Type),-90} {type.Raw,8:N0} {type.Executor,9:N0} {type.Executor - type.Raw,8:N0}");
        }
    }

    private static async Task<(double BytesPerCall, Dictionary<string, double> ByType)> ProfileAsync(Func<Task<JsonElement>> call, int calls, int callsPerOp)
    {
        for (var i = 0; i < 500; i++)
        {
            await call().ConfigureAwait(false);
        }

        using var listener = new AllocationListener();
        await Task.Delay(500).ConfigureAwait(false);
        listener.Reset();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        await Task.Delay(1500).ConfigureAwait(false);
        var samples = listener.Snapshot();
        var total = samples.Values.Sum();
        var perCall = allocated / (double)calls / callsPerOp;
        return (perCall, samples.ToDictionary(p => p.Key, p => total == 0 ? 0 : perCall * (p.Value / (double)total)));
    }

    private static string Shorten(string type) => type.Length <= 90 ? type : type[..87] + "...";

    private sealed class AllocationListener : EventListener
    {
        private static readonly bool Randomized = Environment.GetEnvironmentVariable("BENCH_ALLOC_TICK") != "1";

        private ConcurrentDictionary<string, long> _samples = new();

        public void Reset() => _samples = new ConcurrentDictionary<string, long>();

        public Dictionary<string, long> Snapshot() => new(_samples);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                // 0x80000000000: .NET 10's randomized allocation sampling (AllocationSampled), unbiased by the call's fixed
                // allocation pattern, which the fixed-distance GCAllocationTick aliases with.
                EnableEvents(eventSource, EventLevel.Verbose, Randomized ? (EventKeywords)0x80000000000 : (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (Randomized && eventData.EventName == "AllocationSampled" && eventData.PayloadNames is { } sampledNames)
            {
                var type = eventData.Payload![sampledNames.IndexOf("TypeName")] as string ?? "?";
                _samples.AddOrUpdate(type, 1, (_, sum) => sum + 1);
                return;
            }

            if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) == true && eventData.PayloadNames is { } names)
            {
                var index = names.IndexOf("TypeName");
                var amountIndex = names.IndexOf("AllocationAmount64");
                var type = index >= 0 ? eventData.Payload![index] as string ?? "?" : "?";
                var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload![amountIndex], System.Globalization.CultureInfo.InvariantCulture) : 1;
                _samples.AddOrUpdate(type, amount, (_, sum) => sum + amount);
            }
        }
    }
}
