using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integry.Sdk.DependencyInjection;

/// <summary>
/// Where one Integry registration lives in the container: the default one (unkeyed services, the default options
/// name) or a keyed one (services under the name as key, options of that name, HTTP clients suffixed with it).
/// </summary>
internal sealed class IntegryRegistration
{
    private IntegryRegistration(string? name)
    {
        Name = name;
        OptionsName = name ?? Options.DefaultName;
        ApiHttpClientName = name is null ? IntegryBuilder.ApiHttpClientName : IntegryBuilder.ApiHttpClientName + ":" + name;
        PassthroughHttpClientName = name is null ? IntegryBuilder.PassthroughHttpClientName : IntegryBuilder.PassthroughHttpClientName + ":" + name;
    }

    public static IntegryRegistration Default { get; } = new(null);

    /// <summary>Gets the service key, or <see langword="null"/> for the default registration.</summary>
    public string? Name { get; }

    public string OptionsName { get; }

    public string ApiHttpClientName { get; }

    public string PassthroughHttpClientName { get; }

    public static IntegryRegistration Keyed(string name) => new(name);

    public void AddSingleton<TService>(IServiceCollection services, Func<IServiceProvider, TService> factory, bool replace = false)
        where TService : class
    {
        if (replace)
        {
            RemoveAll<TService>(services);
        }

        var descriptor = Name is null
            ? ServiceDescriptor.Singleton(factory)
            : ServiceDescriptor.KeyedSingleton<TService>(Name, (provider, _) => factory(provider));
        if (replace)
        {
            services.Add(descriptor);
        }
        else
        {
            Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAdd(services, descriptor);
        }
    }

    public void RemoveAll<TService>(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(TService) && Equals(descriptor.ServiceKey, Name))
            {
                services.RemoveAt(i);
            }
        }
    }

    public TService? GetService<TService>(IServiceProvider services)
        where TService : class =>
        Name is null ? services.GetService<TService>() : services.GetKeyedService<TService>(Name);

    public bool IsRegistered<TService>(IServiceProviderIsService services) =>
        Name is null
            ? services.IsService(typeof(TService))
            : services is IServiceProviderIsKeyedService keyed && keyed.IsKeyedService(typeof(TService), Name);
}
