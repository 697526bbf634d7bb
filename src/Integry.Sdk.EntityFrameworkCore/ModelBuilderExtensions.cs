using Microsoft.EntityFrameworkCore;

namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>Adds the credential store's entities to your own <see cref="DbContext"/>.</summary>
public static class ModelBuilderExtensions
{
    /// <summary>
    /// Maps <see cref="IntegryConnectedAccount"/> (table <c>IntegryConnectedAccounts</c>) and
    /// <see cref="IntegryStoredCredential"/> (table <c>IntegryCredentials</c>, with <see cref="IntegryStoredCredential.Version"/>
    /// as the concurrency token). Call it from <c>OnModelCreating</c>, then add a migration in your project.
    /// </summary>
    /// <param name="modelBuilder">Your context's model builder.</param>
    /// <returns>The same model builder.</returns>
    public static ModelBuilder ApplyIntegryCredentials(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<IntegryConnectedAccount>(account =>
        {
            account.ToTable("IntegryConnectedAccounts");
            account.HasKey(a => a.Id);
            account.Property(a => a.Id).HasMaxLength(200);
            account.Property(a => a.UserId).HasMaxLength(200).IsRequired();
            account.Property(a => a.App).HasMaxLength(100).IsRequired();
            account.HasIndex(a => new { a.UserId, a.App });
            account.HasOne(a => a.Credential)
                .WithOne()
                .HasForeignKey<IntegryStoredCredential>(c => c.ConnectedAccountId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<IntegryStoredCredential>(credential =>
        {
            credential.ToTable("IntegryCredentials");
            credential.HasKey(c => c.ConnectedAccountId);
            credential.Property(c => c.ConnectedAccountId).HasMaxLength(200);
            credential.Property(c => c.Kind).HasMaxLength(20).IsRequired();
            credential.Property(c => c.ProtectedValue).IsRequired();
            credential.Property(c => c.RefreshLeaseHolder).HasMaxLength(64);
            credential.Property(c => c.Version).IsConcurrencyToken();
        });

        return modelBuilder;
    }
}
