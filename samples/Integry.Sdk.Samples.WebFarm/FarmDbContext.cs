using Integry.Sdk.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Integry.Sdk.Samples.WebFarm;

/// <summary>Your application's own context: the credential store's tables live beside your own.</summary>
public sealed class FarmDbContext(DbContextOptions<FarmDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyIntegryCredentials();
}
