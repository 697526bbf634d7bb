using System.Diagnostics;
using System.Globalization;
using FsCheck.Fluent;
using Integry.Sdk.Fuzz;

// dotnet run -c Release --project tests/Integry.Sdk.Fuzz -- [--iterations N] [--target NAME]
// Runs every target on N generated inputs (1,000,000 by default) and prints, per target, the inputs run, the time, the
// unhandled exceptions and the property violations. Exit code 1 when any target had either. --generate-only measures
// the generators alone.
var iterations = 1_000_000;
string? only = null;
var generateOnly = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--iterations" when i + 1 < args.Length:
            iterations = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--target" when i + 1 < args.Length:
            only = args[++i];
            break;
        case "--generate-only":
            generateOnly = true;
            break;
        default:
            Console.Error.WriteLine($"Unknown argument '{args[i]}'. Use --iterations N and --target NAME.");
            return 2;
    }
}

var targets = new (string Name, Func<int, int, IEnumerable<Action>> Batch)[]
{
    ("passthrough-arguments", (size, count) => Inputs.PassthroughArguments.Sample(size, count).Select(input => (Action)(() => CoreTargets.PassthroughArguments(input)))),
    ("urls-and-hosts", (size, count) => Inputs.Url.Sample(size, count).Select(input => (Action)(() => CoreTargets.Url(input)))),
    ("host-templates", (size, count) => Inputs.HostPattern.Sample(size, count).Select(input => (Action)(() => CoreTargets.HostPattern(input)))),
    ("rate-limit-headers", (size, count) => Inputs.RateLimitHeaders.Sample(size, count).Select(input => (Action)(() => CoreTargets.RateLimitHeaders(input)))),
    ("result-parse", (size, count) => Inputs.ResultJson.Sample(size, count).Select(input => (Action)(() => CoreTargets.ResultParse(input)))),
    ("result-round-trip", (size, count) => Inputs.Results.Sample(size, count).Select(input => (Action)(() => CoreTargets.ResultRoundTrip(input)))),
    ("emulator-request-bodies", (size, count) => Inputs.EmulatorBody.Sample(size, count).Select(input => (Action)(() => EmulatorTargets.RequestBody(input)))),
};

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
    while (run < iterations)
    {
        // Sizes sweep 1..100, so small and large inputs both come up in every run.
        var size = 1 + (run / BatchSize % 100);
        foreach (var input in batch(size, Math.Min(BatchSize, iterations - run)))
        {
            run++;
            if (generateOnly)
            {
                continue;
            }

            try
            {
                input();
            }
            catch (PropertyViolation violation)
            {
                violations++;
                if (examples.Count < 5)
                {
                    examples.Add("violation: " + violation.Message);
                }
            }
            catch (Exception exception)
            {
                unhandled++;
                if (examples.Count < 5)
                {
                    examples.Add($"unhandled: {exception.GetType().Name}: {exception.Message}");
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
