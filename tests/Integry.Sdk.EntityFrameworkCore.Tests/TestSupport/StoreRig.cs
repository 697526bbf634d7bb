using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Integry.Sdk.EntityFrameworkCore.Tests.TestSupport;

/// <summary>The "user's own" context in tests: nothing but the credential store's entities.</summary>
internal sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegryCredentials();
}

/// <summary>A SQLite file in a temp folder, and stores over it, each with a context of its own.</summary>
internal sealed class StoreRig : IDisposable
{
    private readonly List<TestDbContext> _contexts = [];

    public StoreRig()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("integry-store-").FullName;
        ConnectionString = $"Data Source={Path.Combine(Directory, "credentials.db")};Pooling=False";
        using var context = NewContext();
        context.Database.EnsureCreated();
    }

    public string Directory { get; }

    public string ConnectionString { get; }

    public ICredentialProtector Protector { get; } = new DataProtectionCredentialProtector(new EphemeralDataProtectionProvider());

    public TestDbContext NewContext(int? commandTimeoutSeconds = null)
    {
        var context = new TestDbContext(new DbContextOptionsBuilder<TestDbContext>()
            .UseSqlite(ConnectionString, sqlite => sqlite.CommandTimeout(commandTimeoutSeconds))
            .Options);
        _contexts.Add(context);
        return context;
    }

    public EntityFrameworkCoreCredentialProvider<TestDbContext> NewStore(ITokenRefresher? refresher = null, int? commandTimeoutSeconds = null, TimeProvider? clock = null) =>
        new(NewContext(commandTimeoutSeconds), Protector, refresher, new EntityFrameworkCoreCredentialOptions { PollInterval = TimeSpan.FromMilliseconds(5), TimeProvider = clock });

    public static CredentialRequest Request(string? account = "acct-1") => new() { UserId = "user-1", App = "farmapp", ConnectedAccountId = account };

    public void Dispose()
    {
        foreach (var context in _contexts)
        {
            context.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}

/// <summary>A refresher the test controls: counts its calls and, when asked, holds them until released.</summary>
internal sealed class GatedRefresher : ITokenRefresher
{
    private int _calls;

    public int Calls => _calls;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<Credential, Credential?> Answer { get; set; } = stale => new Credential.BearerToken("at-" + Guid.NewGuid().ToString("N")) { RefreshToken = "rt-new" };

    public async ValueTask<Credential?> RefreshAsync(CredentialRequest request, Credential stale, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        Entered.TrySetResult();
        await Release.Task.WaitAsync(cancellationToken);
        return Answer(stale);
    }
}
