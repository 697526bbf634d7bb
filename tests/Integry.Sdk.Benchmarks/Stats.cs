using System.Globalization;

namespace Integry.Sdk.Benchmarks;

/// <summary>The statistics and formatting the interleaved runs share (<c>--quick</c>, <c>--paired</c>, <c>--phases</c>).</summary>
public static class Stats
{
    public static string Time(double ns) => ns switch
    {
        >= 1e9 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e9:F2} s"),
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:F2} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:F1} µs"),
    };

    public static string Bytes(double bytes) => Math.Abs(bytes) >= 10 * 1024 * 1024
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024):F1} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} B");

    public static double Median(IEnumerable<double> values) => Percentile(values.Order().ToArray(), 0.5);

    public static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = (sorted.Length - 1) * p;
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    public static string LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
