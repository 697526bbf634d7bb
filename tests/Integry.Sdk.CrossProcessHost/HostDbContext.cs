using Integry.Sdk.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Integry.Sdk.CrossProcessHost;

/// <summary>The "user's own" context: nothing but the credential store's entities.</summary>
internal sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegryCredentials();
}
