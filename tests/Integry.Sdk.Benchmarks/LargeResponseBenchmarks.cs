using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Integry.Sdk.Benchmarks;

/// <summary>
/// A 64 MB JSON response, per call: buffered (raw parse vs the executor's <c>InvokeFunctionAsync</c>) and streamed
/// (raw <c>ResponseHeadersRead</c> read to the end vs <c>PassthroughStreamAsync</c>, both through one fixed 64 KB
/// buffer). Each category has its own baseline.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LargeResponseBenchmarks
{
    public const int DrainBufferSize = 64 * 1024;

    private readonly byte[] _buffer = new byte[DrainBufferSize];
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
    [BenchmarkCategory("Buffered")]
    public Task<JsonElement> Raw64MB() => RawCalls.GetJsonAsync(_server.RawClient, _uri);

    [Benchmark]
    [BenchmarkCategory("Buffered")]
    public Task<JsonElement> Executor64MB() =>
        RawCalls.InvokeAsync(_server.PassthroughClient, BenchServer.PassthroughFunction, _arguments);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Streamed")]
    public Task<long> RawStreamed64MB() => RawCalls.DrainAsync(_server.RawClient, _uri, _buffer);

    [Benchmark]
    [BenchmarkCategory("Streamed")]
    public Task<long> ExecutorStreamed64MB() => RawCalls.DrainStreamedAsync(_server.PassthroughClient, BenchServer.AppSlug, _uri, _buffer);
}
