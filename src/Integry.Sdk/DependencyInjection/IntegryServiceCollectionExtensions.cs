using Integry.Sdk.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Integry.Sdk;

/// <summary>Registers <see cref="IntegryClient"/> and its parts in a service collection.</summary>
public static class IntegryServiceCollectionExtensions
{
    /// <summary>Registers a singleton <see cref="IntegryClient"/> configured by a delegate; options are validated at start-up.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the client's options.</param>
    /// <returns>A builder to add the local executor, a credential provider, and HTTP handlers.</returns>
    public static IntegryBuilder AddIntegry(this IServiceCollection services, Action<IntegryClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, IntegryRegistration.Default, configure);
    }

    /// <summary>Registers a singleton <see cref="IntegryClient"/> bound to a configuration section (<c>AppKey</c>, <c>AppSecret</c>, <c>UserId</c>, <c>BaseAddress</c>, <c>Timeout</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, such as <c>configuration.GetSection("Integry")</c>.</param>
    /// <returns>A builder to add the local executor, a credential provider, and HTTP handlers.</returns>
    public static IntegryBuilder AddIntegry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, IntegryRegistration.Default, options => IntegryClientSettings.Bind(configuration, options));
    }

    /// <summary>
    /// Registers a keyed singleton <see cref="IntegryClient"/> for one of several Integry apps in the container; resolve it with
    /// <c>[FromKeyedServices(name)]</c> or <c>GetRequiredKeyedService&lt;IntegryClient&gt;(name)</c>.
    /// </summary>
    /// <remarks>
    /// Each name has its own options (named options <paramref name="name"/>), its own <see cref="HttpClient"/>s
    /// (<see cref="IntegryBuilder.ApiHttpClientName"/> and <see cref="IntegryBuilder.PassthroughHttpClientName"/> followed by
    /// <c>:</c> and the name), its own local executor, call log and credential provider (keyed by the name; an unkeyed
    /// <see cref="ICredentialProvider"/> is used when the name has none).
    /// </remarks>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key and options name, such as <c>"crm"</c>.</param>
    /// <param name="configure">Sets the client's options.</param>
    /// <returns>A builder for this name's local executor, credential provider and HTTP handlers.</returns>
    public static IntegryBuilder AddIntegry(this IServiceCollection services, string name, Action<IntegryClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        return AddCore(services, IntegryRegistration.Keyed(name), configure);
    }

    /// <summary>Registers a keyed singleton <see cref="IntegryClient"/> bound to a configuration section; see <see cref="AddIntegry(IServiceCollection, string, Action{IntegryClientOptions})"/>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The service key and options name, such as <c>"crm"</c>.</param>
    /// <param name="configuration">The section, such as <c>configuration.GetSection("Integry:Crm")</c>.</param>
    /// <returns>A builder for this name's local executor, credential provider and HTTP handlers.</returns>
    public static IntegryBuilder AddIntegry(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        return AddCore(services, IntegryRegistration.Keyed(name), options => IntegryClientSettings.Bind(configuration, options));
    }

    private static IntegryBuilder AddCore(IServiceCollection services, IntegryRegistration registration, Action<IntegryClientOptions> configure)
    {
        services.AddOptions<IntegryClientOptions>(registration.OptionsName).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegryClientOptions>, IntegryClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The client applies IntegryClientOptions.Timeout itself, on the injected clock.
        var api = services.AddHttpClient(registration.ApiHttpClientName).ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        registration.AddSingleton(services, provider => CreateClient(provider, registration));
        return new IntegryBuilder(services, registration, api);
    }

    private static IntegryClient CreateClient(IServiceProvider services, IntegryRegistration registration)
    {
        var configured = services.GetRequiredService<IOptionsMonitor<IntegryClientOptions>>().Get(registration.OptionsName);
        var local = services.GetServices<LocalPassthroughMarker>().Any(marker => marker.OptionsName == registration.OptionsName);
        var passthrough = local ? registration.GetService<PassthroughExecutor>(services) : configured.PassthroughExecutor;
        var options = ClientCore.Freeze(configured, passthrough is not null);
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var source = options.HttpClient is { } httpClient ? () => httpClient : (Func<HttpClient>)(() => factory.CreateClient(registration.ApiHttpClientName));
        var core = new ClientCore(options, source, passthrough, services.GetRequiredService<TimeProvider>());
        return new IntegryClient(core, options.UserId);
    }
}
