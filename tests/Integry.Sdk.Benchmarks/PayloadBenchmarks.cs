using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Integry.Sdk.Benchmarks;

/// <summary>One GET of a JSON payload: raw HttpClient (baseline) vs the SDK's local passthrough vs Refit.</summary>
[MemoryDiagnoser]
public class PayloadBenchmarks
{
    private BenchServer _server = null!;
    private Uri _uri = null!;
    private JsonElement _arguments;

    [Params(BenchServer.Size100B, BenchServer.Size10KB, BenchServer.Size1MB)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = BenchServer.Instance;
        _uri = _server.PayloadUri(Size);
        _arguments = _server.PassthroughArguments(Size);
    }

    [Benchmark(Baseline = true)]
    public Task<JsonElement> Raw() => RawCalls.GetJsonAsync(_server.RawClient, _uri);

    [Benchmark]
    public Task<JsonElement> Executor() =>
        RawCalls.InvokeAsync(_server.PassthroughClient, BenchServer.PassthroughFunction, _arguments);

    [Benchmark]
    public Task<JsonElement> Refit() => _server.RefitApi.GetPayloadAsync(Size);
}
