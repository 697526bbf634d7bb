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
        var builder = AddCore(services);
        services.AddOptions<IntegryClientOptions>().Configure(configure);
        return builder;
    }

    /// <summary>Registers a singleton <see cref="IntegryClient"/> bound to a configuration section (<c>AppKey</c>, <c>AppSecret</c>, <c>UserId</c>, <c>BaseAddress</c>, <c>Timeout</c>).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section, such as <c>configuration.GetSection("Integry")</c>.</param>
    /// <returns>A builder to add the local executor, a credential provider, and HTTP handlers.</returns>
    public static IntegryBuilder AddIntegry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = AddCore(services);
        services.AddOptions<IntegryClientOptions>().Configure(options => IntegryClientSettings.Bind(configuration, options));
        return builder;
    }

    private static IntegryBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<IntegryClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IntegryClientOptions>, IntegryClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // The client applies IntegryClientOptions.Timeout itself, on the injected clock.
        var api = services.AddHttpClient(IntegryBuilder.ApiHttpClientName).ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton(CreateClient);
        return new IntegryBuilder(services, api);
    }

    private static IntegryClient CreateClient(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<IntegryClientOptions>>().Value;
        var passthrough = services.GetService<LocalPassthroughMarker>() is null ? configured.PassthroughExecutor : services.GetRequiredService<PassthroughExecutor>();
        var options = ClientCore.Freeze(configured, passthrough is not null);
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var source = options.HttpClient is { } httpClient ? () => httpClient : (Func<HttpClient>)(() => factory.CreateClient(IntegryBuilder.ApiHttpClientName));
        var core = new ClientCore(options, source, passthrough, services.GetRequiredService<TimeProvider>());
        return new IntegryClient(core, options.UserId);
    }
}
