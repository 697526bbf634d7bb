using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Integry.Sdk.EntityFrameworkCore.Tests.TestSupport;

/// <summary>
/// One instance of the user's app in a process of its own (tests/Integry.Sdk.CrossProcessHost, started as
/// <c>dotnet &lt;dll&gt;</c>), with its own executor, provider and DbContext, driven one command line at a time.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    // Bounds a whole exchange so a broken host fails the test instead of hanging it; never asserted on.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly System.Text.StringBuilder _errors = new();

    private HostProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, line) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(line.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public static string HostDll { get; } = typeof(HostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "CrossProcessHost").Value!;

    public static async Task SeedAsync(string database, string keys, string token, string refreshToken, DateTimeOffset expiresAt)
    {
        await using var seeding = Start("seed", "--db", database, "--keys", keys, "--token", token, "--refresh", refreshToken, "--expires", expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var line = await seeding.ReadLineAsync();
        Assert.That(line, Is.EqualTo("seeded"), seeding.Errors());
    }

    public static async Task<HostProcess> ServeAsync(string database, string keys, FarmServers servers, DateTimeOffset clock)
    {
        var host = Start("serve", "--db", database, "--keys", keys, "--app", servers.AppBaseUrl.AbsoluteUri, "--token-endpoint", servers.TokenEndpoint.AbsoluteUri, "--clock", clock.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var line = await host.ReadLineAsync();
        Assert.That(line, Is.EqualTo("ready"), host.Errors());
        return host;
    }

    /// <summary>Runs <paramref name="calls"/> concurrent calls in this process.</summary>
    public async Task<RunReport> RunAsync(int calls)
    {
        await _process.StandardInput.WriteLineAsync($"run {calls}");
        var line = await ReadLineAsync();
        return RunReport.Parse(line ?? throw new InvalidOperationException("The host ended: " + Errors()));
    }

    public async Task AdvanceAsync(TimeSpan by)
    {
        await _process.StandardInput.WriteLineAsync($"advance {(int)by.TotalSeconds}");
        Assert.That(await ReadLineAsync(), Is.EqualTo("advanced"));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await _process.StandardInput.WriteLineAsync("exit");
                await _process.WaitForExitAsync().WaitAsync(Bound);
            }
        }
        catch (Exception exception) when (exception is TimeoutException or IOException)
        {
            _process.Kill(entireProcessTree: true);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static HostProcess Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new HostProcess(Process.Start(start) ?? throw new InvalidOperationException("Could not start " + HostDll));
    }

    private async Task<string?> ReadLineAsync()
    {
        try
        {
            return await _process.StandardOutput.ReadLineAsync().WaitAsync(Bound);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException("The host did not answer: " + Errors(), exception);
        }
    }

    private string Errors()
    {
        lock (_errors)
        {
            return _errors.ToString();
        }
    }
}

/// <summary>What one host's batch of calls saw: how many executed with a 200, how many were lost, and each token's count.</summary>
internal sealed record RunReport(int Ok, int Lost, IReadOnlyDictionary<string, int> Tokens, string FirstError)
{
    public static RunReport Parse(string line)
    {
        // done ok=250 lost=0 tokens=at-1:250 error=-
        var fields = line.Split(' ', 5);
        Assert.That(fields[0], Is.EqualTo("done"), line);
        var tokens = fields[3]["tokens=".Length..].Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split(':'))
            .ToDictionary(pair => pair[0], pair => int.Parse(pair[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return new RunReport(
            int.Parse(fields[1]["ok=".Length..], CultureInfo.InvariantCulture),
            int.Parse(fields[2]["lost=".Length..], CultureInfo.InvariantCulture),
            tokens,
            fields[4]["error=".Length..]);
    }
}
