using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text.Json;

namespace Integry.Sdk.Benchmarks;

/// <summary>
/// <c>--alloc-profile [remote] [size] [calls]</c>: which types a call allocates, raw vs executor (or, with
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


        var rawProfile = await ProfileAsync(raw, calls).ConfigureAwait(false);
        var executorProfile = await ProfileAsync(executor, calls).ConfigureAwait(false);
        Console.WriteLine($"Allocated bytes per call (exact): raw {rawProfile.BytesPerCall:N0}, executor {executorProfile.BytesPerCall:N0}, difference {executorProfile.BytesPerCall - rawProfile.BytesPerCall:N0}");
        Console.WriteLine($"Sampled bytes per call by type ({size} B payload, {calls} sequential calls each):");
        Console.WriteLine($"{"type",-90} {"raw",8} {"executor",9} {"extra",8}");
        foreach (var type in executorProfile.ByType.Keys.Union(rawProfile.ByType.Keys)
            .Select(t => (Type: t, Raw: rawProfile.ByType.GetValueOrDefault(t), Executor: executorProfile.ByType.GetValueOrDefault(t)))
            .OrderByDescending(t => t.Executor - t.Raw).Take(40))
        {
            Console.WriteLine($"{Shorten(type.Type),-90} {type.Raw,8:N0} {type.Executor,9:N0} {type.Executor - type.Raw,8:N0}");
        }
    }

    private static async Task<(double BytesPerCall, Dictionary<string, double> ByType)> ProfileAsync(Func<Task<JsonElement>> call, int calls)
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
        return (allocated / (double)calls, samples.ToDictionary(p => p.Key, p => total == 0 ? 0 : allocated * (p.Value / (double)total) / calls));
    }

    private static string Shorten(string type) => type.Length <= 90 ? type : type[..87] + "...";

    private sealed class AllocationListener : EventListener
    {
        private ConcurrentDictionary<string, long> _samples = new();

        public void Reset() => _samples = new ConcurrentDictionary<string, long>();

        public Dictionary<string, long> Snapshot() => new(_samples);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
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
