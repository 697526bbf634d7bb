using System.Diagnostics.CodeAnalysis;
using Integry.Sdk.DependencyInjection;
using Integry.Sdk.Passthrough;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integry.Sdk;

/// <summary>Adds to what <see cref="IntegryServiceCollectionExtensions.AddIntegry(IServiceCollection, Action{IntegryClientOptions})"/> registered.</summary>
public sealed class IntegryBuilder
{
    /// <summary>The name of the <see cref="HttpClient"/> that calls Integry's API.</summary>
    public const string ApiHttpClientName = "Integry.Sdk.Api";

    /// <summary>The name of the <see cref="HttpClient"/> that sends passthrough requests to apps.</summary>
    public const string PassthroughHttpClientName = "Integry.Sdk.Passthrough";

    internal IntegryBuilder(IServiceCollection services, IHttpClientBuilder apiHttpClient)
    {
        Services = services;
        ApiHttpClient = apiHttpClient;
    }

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the builder of the <see cref="HttpClient"/> that calls Integry's API, to add handlers such as resilience.</summary>
    public IHttpClientBuilder ApiHttpClient { get; }

    /// <summary>Gets the builder of the <see cref="HttpClient"/> that sends passthrough requests, once <see cref="AddLocalPassthrough"/> was called.</summary>
    public IHttpClientBuilder? PassthroughHttpClient { get; private set; }

    /// <summary>Runs passthrough functions in this process with the registered <see cref="ICredentialProvider"/>.</summary>
    /// <param name="configure">Sets the executor's options, such as extra apps; optional.</param>
    /// <returns>This builder.</returns>
    public IntegryBuilder AddLocalPassthrough(Action<PassthroughOptions>? configure = null)
    {
        var options = Services.AddOptions<PassthroughOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (PassthroughHttpClient is not null)
        {
            return this;
        }

        options.ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PassthroughOptions>, PassthroughOptionsValidator>());
        Services.TryAddSingleton<LocalPassthroughMarker>();
        Services.TryAddSingleton<InMemoryFunctionCallLog>();
        Services.TryAddSingleton<IFunctionCallLog>(services => services.GetRequiredService<InMemoryFunctionCallLog>());
        PassthroughHttpClient = Services.AddHttpClient(PassthroughHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(PassthroughExecutor.CreatePrimaryHandler)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        Services.TryAddSingleton(CreateExecutor);

        // Runs after every other configuration of the client, so a primary handler a user sets is hardened too.
        Services.PostConfigure<HttpClientFactoryOptions>(PassthroughHttpClientName, options =>
            options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = PassthroughHandlerPolicy.Harden(
                builder.PrimaryHandler,
                builder.Services.GetRequiredService<IOptions<PassthroughOptions>>().Value.AllowUnguardedHandler)));
        return this;
    }

    /// <summary>Registers the credential provider the local executor asks for users' credentials (a singleton).</summary>
    /// <typeparam name="TProvider">The provider type.</typeparam>
    /// <returns>This builder.</returns>
    public IntegryBuilder AddCredentialProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>()
        where TProvider : class, ICredentialProvider
    {
        Services.RemoveAll<ICredentialProvider>();
        Services.AddSingleton<ICredentialProvider, TProvider>();
        return this;
    }

    /// <summary>Registers a credential provider instance, such as an <see cref="InMemoryCredentialProvider"/>.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>This builder.</returns>
    public IntegryBuilder AddCredentialProvider(ICredentialProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        Services.RemoveAll<ICredentialProvider>();
        Services.AddSingleton(provider);
        return this;
    }

    /// <summary>Registers your own sink for the call log, replacing the in-memory default.</summary>
    /// <typeparam name="TLog">The call log type.</typeparam>
    /// <returns>This builder.</returns>
    public IntegryBuilder AddFunctionCallLog<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TLog>()
        where TLog : class, IFunctionCallLog
    {
        Services.RemoveAll<IFunctionCallLog>();
        Services.AddSingleton<IFunctionCallLog, TLog>();
        return this;
    }

    private static PassthroughExecutor CreateExecutor(IServiceProvider services)
    {
        // What the options set explicitly wins; the container supplies the rest.
        var options = services.GetRequiredService<IOptions<PassthroughOptions>>().Value;
        var factory = services.GetRequiredService<IHttpClientFactory>();
        return new PassthroughExecutor(
            services.GetService<ICredentialProvider>() ?? throw new InvalidOperationException(PassthroughOptionsValidator.MissingProvider),
            options,
            options.Handler is null ? () => factory.CreateClient(PassthroughHttpClientName) : PassthroughExecutor.HttpClientFor(options.Handler, options.AllowUnguardedHandler),
            options.CallLog ?? services.GetRequiredService<IFunctionCallLog>(),
            options.TimeProvider ?? services.GetRequiredService<TimeProvider>(),
            PassthroughExecutor.LoggerFor(options.LoggerFactory ?? services.GetService<ILoggerFactory>()));
    }
}
