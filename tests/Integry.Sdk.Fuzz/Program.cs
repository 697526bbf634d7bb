using System.Diagnostics;
using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Integry.Sdk.Fuzz;

// dotnet run -c Release --project tests/Integry.Sdk.Fuzz -- [--iterations N] [--target NAME] [--seed S] [--generate-only]
// Runs every target on N generated inputs (1,000,000 by default) and prints, per target, the inputs run, the time, the
// unhandled exceptions and the property violations. Exit code 1 when any target had either. The seed is printed; the
// same seed generates the same inputs again. --generate-only measures the generators alone.
var iterations = 1_000_000;
string? only = null;
var generateOnly = false;
var seed = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--iterations" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0:
            iterations = count;
            i++;
            break;
        case "--target" when i + 1 < args.Length:
            only = args[++i];
            break;
        case "--seed" when i + 1 < args.Length && ulong.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var given):
            seed = given;
            i++;
            break;
        case "--generate-only":
            generateOnly = true;
            break;
        default:
            Console.Error.WriteLine($"Unknown or malformed argument '{args[i]}'. Use --iterations N (N > 0), --target NAME, --seed S and --generate-only.");
            return 2;
    }
}

// Fluent Gen.Sample takes the number of samples first, then the seed, then the size.
static IEnumerable<(string Input, Action Run)> Batch<T>(Gen<T> generator, Action<T> target, Rnd random, int size, int count) =>
    generator.Sample(count, random, size).Select(input => (Describe(input), (Action)(() => target(input))));

static string Describe<T>(T input)
{
    var text = input switch
    {
        byte[] bytes => Convert.ToHexString(bytes),
        string value => Inputs.Quote(value),
        _ => input?.ToString() ?? "null",
    };
    return text.Length <= 400 ? text : text[..400] + "...";
}

var targets = new (string Name, Func<Rnd, int, int, IEnumerable<(string Input, Action Run)>> Batch)[]
{
    ("passthrough-arguments", (random, size, count) => Batch(Inputs.PassthroughArguments, CoreTargets.PassthroughArguments, random, size, count)),
    ("urls-and-hosts", (random, size, count) => Batch(Inputs.Url, CoreTargets.Url, random, size, count)),
    ("host-templates", (random, size, count) => Batch(Inputs.HostPattern, CoreTargets.HostPattern, random, size, count)),
    ("rate-limit-headers", (random, size, count) => Batch(Inputs.RateLimitHeaders, CoreTargets.RateLimitHeaders, random, size, count)),
    ("result-parse", (random, size, count) => Batch(Inputs.ResultJson, CoreTargets.ResultParse, random, size, count)),
    ("result-round-trip", (random, size, count) => Batch(Inputs.Results, CoreTargets.ResultRoundTrip, random, size, count)),
    ("emulator-request-bodies", (random, size, count) => Batch(Inputs.EmulatorBody, EmulatorTargets.RequestBody, random, size, count)),
};

if (only is not null && !targets.Any(target => target.Name == only))
{
    Console.Error.WriteLine($"Unknown target '{only}'. Targets: {string.Join(", ", targets.Select(target => target.Name))}.");
    return 2;
}

Console.WriteLine($"seed {seed.ToString(CultureInfo.InvariantCulture)}, {iterations.ToString("N0", CultureInfo.InvariantCulture)} inputs per target{(generateOnly ? ", generating only" : string.Empty)}");
var failed = false;
var total = Stopwatch.StartNew();
Console.WriteLine($"{"target",-26} {"inputs",10} {"seconds",8} {"unhandled",9} {"violations",10}");
foreach (var (name, batch) in targets.Where(target => only is null || target.Name == only))
{
    var stopwatch = Stopwatch.StartNew();
    var run = 0;
    var unhandled = 0;
    var violations = 0;
    var examples = new List<string>();
    const int BatchSize = 10_000;
    for (var batchIndex = 0; run < iterations; batchIndex++)
    {
        // Sizes sweep 1..100, so small and large inputs both come up in every run; every batch has its own seed,
        // derived from the run's seed, so a reported input can be generated again.
        var size = 1 + (batchIndex % 100);
        var random = new Rnd(seed + ((ulong)batchIndex * 0x9E3779B97F4A7C15UL), 0x632BE59BD9B4E019UL);
        foreach (var (input, target) in batch(random, size, Math.Min(BatchSize, iterations - run)))
        {
            run++;
            if (generateOnly)
            {
                continue;
            }

            try
            {
                target();
            }
            catch (PropertyViolation violation)
            {
                violations++;
                if (examples.Count < 5)
                {
                    examples.Add($"violation (batch {batchIndex}): {violation.Message} input: {input}");
                }
            }
            catch (Exception exception)
            {
                unhandled++;
                if (examples.Count < 5)
                {
                    examples.Add($"unhandled (batch {batchIndex}): {exception.GetType().Name}: {exception.Message} input: {input}");
                }
            }
        }
    }

    Console.WriteLine($"{name,-26} {run,10:N0} {stopwatch.Elapsed.TotalSeconds,8:F1} {unhandled,9} {violations,10}");
    foreach (var example in examples)
    {
        Console.WriteLine("    " + example);
    }

    failed |= unhandled > 0 || violations > 0;
}

Console.WriteLine($"total {total.Elapsed.TotalSeconds:F1} s");
return failed ? 1 : 0;
