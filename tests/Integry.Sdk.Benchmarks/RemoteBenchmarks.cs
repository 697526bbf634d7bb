using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Integry.Sdk.Benchmarks;

/// <summary>A function run at Integry: raw POST to <c>functions/{name}/call/</c> (baseline) vs <c>IntegryClient</c>'s remote path.</summary>
[MemoryDiagnoser]
public class RemoteBenchmarks
{
    public static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"channel\":\"C123\",\"text\":\"Hello from the benchmark\"}");

    public static readonly JsonElement Arguments = JsonDocument.Parse(Body).RootElement.Clone();

    private BenchServer _server = null!;
    private string _function = null!;
    private JsonElement _arguments;

    [Params(BenchServer.Size100B, BenchServer.Size10KB)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _server = BenchServer.Instance;
        _function = BenchServer.RemoteFunction(Size);
        _arguments = Arguments;
    }

    [Benchmark(Baseline = true)]
    public Task<JsonElement> Raw() => RawCalls.CallFunctionAsync(_server.RemoteRawClient, _function, Body, _server.RemoteHash);

    [Benchmark]
    public Task<JsonElement> Remote() =>
        RawCalls.InvokeAsync(_server.RemoteClient, _function, _arguments);
}
