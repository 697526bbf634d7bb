// A fresh consumer of the Integry.Sdk.EntityFrameworkCore package (run by .ci/package-consumer.sh): the store over
// SQLite through dependency injection, one credential saved and read back through the executor's ICredentialProvider.
using Integry.Sdk;
using Integry.Sdk.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

var database = Path.Combine(Path.GetTempPath(), $"integry-ef-consumer-{Guid.NewGuid():N}.db");
try
{
    var services = new ServiceCollection();
    services.AddDataProtection().SetApplicationName("integry-package-consumer").UseEphemeralDataProtectionProvider();
    services.AddDbContext<ConsumerDbContext>(options => options.UseSqlite($"Data Source={database};Pooling=False"));
    services.AddIntegry(options => options.UserId = "user-42")
        .AddLocalPassthrough()
        .AddEntityFrameworkCoreCredentials<ConsumerDbContext>();
    await using var provider = services.BuildServiceProvider();

    var saved = new Credential.BearerToken("consumer-access-token", DateTimeOffset.UtcNow.AddHours(1)) { RefreshToken = "consumer-refresh-token" };
    await using (var scope = provider.CreateAsyncScope())
    {
        await scope.ServiceProvider.GetRequiredService<ConsumerDbContext>().Database.EnsureCreatedAsync();
        await scope.ServiceProvider.GetRequiredService<EntityFrameworkCoreCredentialProvider<ConsumerDbContext>>()
            .ConnectAsync("user-42", "hubspot", saved, "acct-1");
    }

    // Read back as the executor does: the singleton ICredentialProvider, a scope per lookup.
    var read = await provider.GetRequiredService<ICredentialProvider>().GetCredentialAsync(new CredentialRequest { UserId = "user-42", App = "hubspot" });
    if (read is not Credential.BearerToken token || token.AccessToken != saved.AccessToken || token.RefreshToken != saved.RefreshToken || token.ConnectedAccountId != "acct-1")
    {
        Console.Error.WriteLine($"The credential read back is not the one saved: {read?.GetType().Name ?? "null"}");
        return 1;
    }

    // Encrypted at rest: the token is in neither the database file nor its write-ahead log.
    SqliteConnection.ClearAllPools();
    var onDisk = string.Concat(new[] { database, database + "-wal" }.Where(File.Exists).Select(file => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(file))));
    if (onDisk.Contains("consumer-access-token", StringComparison.Ordinal))
    {
        Console.Error.WriteLine("The access token is stored in the clear.");
        return 1;
    }

    Console.WriteLine($"EF CONSUMER OK: saved and read back a {read.GetType().Name} for user-42/hubspot over SQLite ({new FileInfo(database).Length} bytes, token encrypted)");
    return 0;
}
finally
{
    SqliteConnection.ClearAllPools();
    foreach (var file in new[] { database, database + "-wal", database + "-shm" })
    {
        File.Delete(file);
    }
}

internal sealed class ConsumerDbContext(DbContextOptions<ConsumerDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegryCredentials();
}
