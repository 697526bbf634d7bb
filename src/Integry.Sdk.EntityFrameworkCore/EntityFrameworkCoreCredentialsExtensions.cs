using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integry.Sdk.EntityFrameworkCore;

/// <summary>Registers the Entity Framework Core credential store as the local executor's credential provider.</summary>
public static class EntityFrameworkCoreCredentialsExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> that calls OAuth2 token endpoints.</summary>
    public static readonly string OAuth2HttpClientName = "Integry.Sdk.OAuth2";

    private const string MissingDataProtection = "The Entity Framework Core credential store encrypts credentials with ASP.NET Core Data Protection, and no IDataProtectionProvider is registered: call services.AddDataProtection() (with a key ring every instance shares), or register your own ICredentialProtector.";

    /// <summary>
    /// Uses <see cref="EntityFrameworkCoreCredentialProvider{TContext}"/> over your <typeparamref name="TContext"/> as the
    /// <see cref="ICredentialProvider"/>. The provider is scoped, like your context; the executor, a singleton, reaches it
    /// through a scope per lookup or refresh. Credentials are encrypted with ASP.NET Core Data Protection unless you
    /// register your own <see cref="ICredentialProtector"/> (ASP.NET Core apps have Data Protection; elsewhere call
    /// <c>services.AddDataProtection()</c>, with a key ring every instance shares); apps in
    /// <see cref="EntityFrameworkCoreCredentialOptions.OAuth2Apps"/> are refreshed by an <see cref="OAuth2TokenRefresher"/>
    /// unless you register your own <see cref="ITokenRefresher"/>.
    /// </summary>
    /// <typeparam name="TContext">Your context, registered with <c>AddDbContext</c>; its model calls
    /// <see cref="ModelBuilderExtensions.ApplyIntegryCredentials"/>.</typeparam>
    /// <param name="builder">The builder <c>AddIntegry(…)</c> returned.</param>
    /// <param name="configure">Sets the OAuth2 apps, leases and polling; optional.</param>
    /// <returns>The same builder.</returns>
    public static IntegryBuilder AddEntityFrameworkCoreCredentials<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TContext>(
        this IntegryBuilder builder,
        Action<EntityFrameworkCoreCredentialOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<EntityFrameworkCoreCredentialOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddHttpClient(OAuth2HttpClientName);
        services.TryAddSingleton<ICredentialProtector>(provider => new DataProtectionCredentialProtector(
            provider.GetService<IDataProtectionProvider>() ?? throw new InvalidOperationException(MissingDataProtection)));
        services.TryAddSingleton<ITokenRefresher>(provider => new OAuth2TokenRefresher(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(OAuth2HttpClientName),
            provider.GetRequiredService<IOptions<EntityFrameworkCoreCredentialOptions>>().Value.OAuth2Apps,
            provider.GetRequiredService<IOptions<EntityFrameworkCoreCredentialOptions>>().Value.TimeProvider ?? provider.GetService<TimeProvider>()));
        services.TryAddScoped(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<EntityFrameworkCoreCredentialOptions>>().Value;
            if (settings.TimeProvider is null && provider.GetService<TimeProvider>() is { } clock)
            {
                settings.TimeProvider = clock;
            }

            return new EntityFrameworkCoreCredentialProvider<TContext>(
                provider.GetRequiredService<TContext>(),
                provider.GetRequiredService<ICredentialProtector>(),
                provider.GetRequiredService<ITokenRefresher>(),
                settings);
        });

        services.RemoveAll<ICredentialProvider>();
        services.AddSingleton<ICredentialProvider>(provider => new ScopePerCallCredentialProvider<EntityFrameworkCoreCredentialProvider<TContext>>(provider.GetRequiredService<IServiceScopeFactory>()));
        return builder;
    }
}
