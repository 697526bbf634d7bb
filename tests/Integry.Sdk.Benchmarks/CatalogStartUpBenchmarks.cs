using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Integry.Sdk.Benchmarks;

/// <summary>
/// What the built-in app catalog costs at start-up: reading the embedded <c>apps.json</c>, and checking every entry
/// (hosts, base URL, placements) as <see cref="AppCatalog"/>'s constructor does. A measurement, not a test: time
/// depends on the machine, so it lives here and nothing asserts it.
/// </summary>
[MemoryDiagnoser]
public class CatalogStartUpBenchmarks
{
    private const string ResourceName = "Integry.Sdk.Apps.apps.json";

    private AppDefinition[] _definitions = null!;

    [GlobalSetup]
    public void Setup() => _definitions = [.. AppCatalog.BuiltIn.Apps];

    /// <summary>Reads and parses the embedded catalog file, as the first use of <see cref="AppCatalog.BuiltIn"/> does.</summary>
    [Benchmark]
    public int ReadEmbeddedAppsJson()
    {
        using var stream = typeof(AppCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource '{ResourceName}' is missing.");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("apps").GetArrayLength();
    }

    /// <summary>Checks every built-in app and indexes it by slug.</summary>
    [Benchmark]
    public int CheckEveryBuiltInApp() => new AppCatalog(_definitions).Count;
}
