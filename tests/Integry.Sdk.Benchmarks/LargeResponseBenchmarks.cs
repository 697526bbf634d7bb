using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Integry.Sdk.Benchmarks;

/// <summary>Memory for a 64 MB JSON response, per call: raw (baseline) vs the executor.</summary>
[MemoryDiagnoser]
public class LargeResponseBenchmarks
{
    private BenchServer _server = null!;
    private Uri _uri = null!;
    private JsonElement _arguments;

    [GlobalSetup]
    public void Setup()
    {
        _server = BenchServer.Instance;
        _uri = _server.PayloadUri(BenchServer.Size64MB);
        _arguments = _server.PassthroughArguments(BenchServer.Size64MB);
    }

    [Benchmark(Baseline = true)]
    public Task<JsonElement> Raw64MB() => RawCalls.GetJsonAsync(_server.RawClient, _uri);

    [Benchmark]
    public async Task<JsonElement> Executor64MB() =>
        RawCalls.Output(await _server.PassthroughClient.InvokeFunctionAsync(BenchServer.PassthroughFunction, _arguments).ConfigureAwait(false));
}
