using System.Diagnostics;

namespace Integry.Sdk.EntityFrameworkCore.Tests.TestSupport;

/// <summary>Several instances of the user's app, each a process of its own, over one SQLite file and one key ring.</summary>
internal sealed class Farm : IAsyncDisposable
{
    /// <summary>Every instance's clock starts here (2030-01-01 UTC); the seeded token expires an hour later.</summary>
    public static readonly DateTimeOffset ClockStart = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly string _directory;

    private Farm(string directory, FarmServers servers, HostProcess[] hosts)
    {
        _directory = directory;
        Servers = servers;
        Hosts = hosts;
    }

    public FarmServers Servers { get; }

    public IReadOnlyList<HostProcess> Hosts { get; }

    public Stopwatch Wall { get; } = new();

    public static async Task<Farm> StartAsync(int instances, DateTimeOffset expiresAt)
    {
        var directory = Directory.CreateTempSubdirectory("integry-farm-").FullName;
        var database = Path.Combine(directory, "credentials.db");
        var keys = Path.Combine(directory, "keys");
        var servers = await FarmServers.StartAsync();

        // The store and the key ring exist before any instance starts, as they would in production.
        await HostProcess.SeedAsync(database, keys, "at-0", "rt-0", expiresAt);
        var hosts = await Task.WhenAll(Enumerable.Range(0, instances).Select(_ => HostProcess.ServeAsync(database, keys, servers, ClockStart)));
        return new Farm(directory, servers, hosts);
    }

    /// <summary>Every instance runs its share of calls at the same time.</summary>
    public async Task<RunReport[]> RunAsync(int callsPerInstance)
    {
        Wall.Start();
        try
        {
            return await Task.WhenAll(Hosts.Select(host => host.RunAsync(callsPerInstance)));
        }
        finally
        {
            Wall.Stop();
        }
    }

    public Task AdvanceAsync(TimeSpan by) => Task.WhenAll(Hosts.Select(host => host.AdvanceAsync(by)));

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }

        await Servers.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A host that was killed may still hold the file for a moment; the temp folder is cleaned by the OS.
        }
    }
}
