using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Integry.Sdk.Benchmarks;

/// <summary>Throughput: one benchmark operation is <see cref="InFlight"/> concurrent 10 KB GETs, raw (baseline) vs the executor.</summary>
[MemoryDiagnoser]
public class ConcurrencyBenchmarks
{
    private BenchServer _server = null!;
    private Uri _uri = null!;
    private JsonElement _arguments;

    [Params(1, 64, 512)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = BenchServer.Instance;
        _uri = _server.PayloadUri(BenchServer.Size10KB);
        _arguments = _server.PassthroughArguments(BenchServer.Size10KB);
    }

    [Benchmark(Baseline = true)]
    public Task<JsonElement[]> Raw() => Fan(InFlight, () => RawCalls.GetJsonAsync(_server.RawClient, _uri));

    [Benchmark]
    public Task<JsonElement[]> Executor() => Fan(InFlight, CallAsync);

    /// <summary>Starts <paramref name="inFlight"/> calls at once and waits for all of them.</summary>
    public static Task<JsonElement[]> Fan(int inFlight, Func<Task<JsonElement>> call)
    {
        var calls = new Task<JsonElement>[inFlight];
        for (var i = 0; i < calls.Length; i++)
        {
            calls[i] = call();
        }

        return Task.WhenAll(calls);
    }

    private Task<JsonElement> CallAsync() =>
        RawCalls.InvokeAsync(_server.PassthroughClient, BenchServer.PassthroughFunction, _arguments);
}
