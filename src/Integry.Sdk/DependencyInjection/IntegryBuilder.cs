using System.Diagnostics.CodeAnalysis;
using Integry.Sdk.DependencyInjection;
using Integry.Sdk.Passthrough;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integry.Sdk;

/// <summary>Adds to what <see cref="IntegryServiceCollectionExtensions.AddIntegry(IServiceCollection, Action{IntegryClientOptions})"/> registered.</summary>
public sealed class IntegryBuilder
{
    /// <summary>The name of the <see cref="HttpClient"/> that calls Integry's API (followed by <c>:</c> and the name for a keyed registration).</summary>
    public const string ApiHttpClientName = "Integry.Sdk.Api";

    /// <summary>The name of the <see cref="HttpClient"/> that sends passthrough requests to apps (followed by <c>:</c> and the name for a keyed registration).</summary>
    public const string PassthroughHttpClientName = "Integry.Sdk.Passthrough";

    private readonly IntegryRegistration _registration;

    internal IntegryBuilder(IServiceCollection services, IntegryRegistration registration, IHttpClientBuilder apiHttpClient)
    {
        Services = services;
        _registration = registration;
        ApiHttpClient = apiHttpClient;
    }

    /// <summary>Gets the service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the service key and options name of a keyed registration, or <see langword="null"/> for the default one.</summary>
    public string? Name => _registration.Name;

    /// <summary>Gets the builder of the <see cref="HttpClient"/> that calls Integry's API, to add handlers; <see cref="AddSafeRetries"/> adds the safe retries.</summary>
    public IHttpClientBuilder ApiHttpClient { get; }

    /// <summary>Gets the builder of the <see cref="HttpClient"/> that sends passthrough requests, once <see cref="AddLocalPassthrough"/> was called.</summary>
    public IHttpClientBuilder? PassthroughHttpClient { get; private set; }

    /// <summary>Runs passthrough functions in this process with the registered <see cref="ICredentialProvider"/>.</summary>
    /// <param name="configure">Sets the executor's options, such as extra apps or an egress <see cref="PassthroughOptions.Proxy"/>; optional. What it sets on
    /// <see cref="PassthroughOptions.Handler"/>, <see cref="PassthroughOptions.CallLog"/>, <see cref="PassthroughOptions.TimeProvider"/>
    /// or <see cref="PassthroughOptions.LoggerFactory"/> wins over the container's.</param>
    /// <returns>This builder.</returns>
    public IntegryBuilder AddLocalPassthrough(Action<PassthroughOptions>? configure = null)
    {
        var options = Services.AddOptions<PassthroughOptions>(_registration.OptionsName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (PassthroughHttpClient is not null)
        {
            return this;
        }

        var registration = _registration;
        options.ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PassthroughOptions>, PassthroughOptionsValidator>());
        Services.AddSingleton(new LocalPassthroughMarker(registration.OptionsName));
        if (registration.Name is null)
        {
            Services.TryAddSingleton<InMemoryFunctionCallLog>();
            Services.TryAddSingleton<IFunctionCallLog>(services => services.GetRequiredService<InMemoryFunctionCallLog>());
        }
        else
        {
            Services.TryAddKeyedSingleton<InMemoryFunctionCallLog>(registration.Name, (_, _) => new InMemoryFunctionCallLog());
            Services.TryAddKeyedSingleton<IFunctionCallLog>(registration.Name, (services, key) => services.GetRequiredKeyedService<InMemoryFunctionCallLog>(key));
        }

        PassthroughHttpClient = Services.AddHttpClient(registration.PassthroughHttpClientName)
            .ConfigurePrimaryHttpMessageHandler(services => PassthroughHandlerPolicy.CreatePrimaryHandler(
                proxy: services.GetRequiredService<IOptionsMonitor<PassthroughOptions>>().Get(registration.OptionsName).Proxy))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        registration.AddSingleton(Services, services => CreateExecutor(services, registration));

        // Runs after every other configuration of the client, so a primary handler a user sets is hardened too (and
        // tunnels through the proxy, when one is set).
        Services.PostConfigure<HttpClientFactoryOptions>(registration.PassthroughHttpClientName, options =>
            options.HttpMessageHandlerBuilderActions.Add(builder =>
            {
                var passthrough = builder.Services.GetRequiredService<IOptionsMonitor<PassthroughOptions>>().Get(registration.OptionsName);
                builder.PrimaryHandler = PassthroughHandlerPolicy.Harden(builder.PrimaryHandler, passthrough.AllowUnguardedHandler, network: null, passthrough.Proxy);
            }));
        return this;
    }

    /// <summary>
    /// Registers the credential provider the local executor asks for users' credentials. It may depend on scoped
    /// services, such as an EF Core <c>DbContext</c>: the executor resolves it in a new DI scope for each lookup and
    /// each refresh, and disposes the scope afterwards.
    /// </summary>
    /// <remarks>
    /// Why a scope per operation rather than a factory you call: the executor is a singleton shared by all requests, so it
    /// must not hold a scoped service, and a request's own scope is not there on background work. A scope per operation
    /// gives each lookup a fresh unit of work, and a provider works the same whether it is scoped, transient or singleton.
    /// <typeparamref name="TProvider"/> is registered as scoped unless you registered it yourself first; register it as a
    /// singleton (or use <see cref="AddCredentialProvider(ICredentialProvider)"/>) for one shared instance.
    /// </remarks>
    /// <typeparam name="TProvider">The provider type.</typeparam>
    /// <returns>This builder.</returns>
    public IntegryBuilder AddCredentialProvider<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TProvider>()
        where TProvider : class, ICredentialProvider
    {
        Services.TryAddScoped<TProvider>();
        return AddScopedProvider(static services => services.GetRequiredService<TProvider>());
    }

    /// <summary>
    /// Registers a factory of the credential provider; it runs in a new DI scope for each lookup and each refresh, with
    /// that scope's services, so the provider it returns may use scoped services such as a <c>DbContext</c>.
    /// </summary>
    /// <param name="factory">Builds (or returns a shared) provider from the scope's services.</param>
    /// <returns>This builder.</returns>
    public IntegryBuilder AddCredentialProvider(Func<IServiceProvider, ICredentialProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return AddScopedProvider(factory);
    }

    /// <summary>Registers a credential provider instance, such as an <see cref="InMemoryCredentialProvider"/>, used for every call.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>This builder.</returns>
    public IntegryBuilder AddCredentialProvider(ICredentialProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _registration.AddSingleton(Services, _ => provider, replace: true);
        return this;
    }

    /// <summary>Registers your own sink for the call log, replacing the in-memory default.</summary>
    /// <typeparam name="TLog">The call log type.</typeparam>
    /// <returns>This builder.</returns>
    public IntegryBuilder AddFunctionCallLog<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TLog>()
        where TLog : class, IFunctionCallLog
    {
        _registration.RemoveAll<IFunctionCallLog>(Services);
        Services.Add(_registration.Name is null
            ? ServiceDescriptor.Singleton<IFunctionCallLog, TLog>()
            : ServiceDescriptor.KeyedSingleton<IFunctionCallLog, TLog>(_registration.Name));
        return this;
    }

    /// <summary>
    /// Retries calls to Integry's API where that is safe, on <see cref="ApiHttpClient"/>: every route when the connection
    /// could not be made (nothing was sent), and the read routes (<c>functions/list/</c>, <c>functions/{name}/get/</c>,
    /// <c>functions/predict/</c>, <c>apps/list/</c>, <c>apps/{name}/get/</c>) also after a network failure, a 408, a 429 or
    /// a 5xx, honouring <c>Retry-After</c>. <c>functions/{name}/call/</c> is never retried once it may have been sent: it
    /// runs an action, which must not run twice.
    /// </summary>
    /// <remarks>Use this instead of a generic resilience handler such as <c>AddStandardResilienceHandler()</c>, which retries
    /// every POST. Waits run on the registered <see cref="TimeProvider"/>; <see cref="IntegryClientOptions.Timeout"/> bounds
    /// the whole call, retries included.</remarks>
    /// <param name="configure">Sets the number of retries and the back-off; optional.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The settings are out of range.</exception>
    public IntegryBuilder AddSafeRetries(Action<IntegryRetryOptions>? configure = null)
    {
        var options = new IntegryRetryOptions();
        configure?.Invoke(options);
        if (options.MaxRetries is < 0 or > 10)
        {
            throw new ArgumentException($"IntegryRetryOptions.MaxRetries must be between 0 and 10; it is {options.MaxRetries}.", nameof(configure));
        }

        // Polly's retry strategy takes a delay of 0 to 24 h.
        if (options.BaseDelay < TimeSpan.Zero || options.BaseDelay > TimeSpan.FromHours(24))
        {
            throw new ArgumentException($"IntegryRetryOptions.BaseDelay must be between 00:00:00 and 1.00:00:00; it is {options.BaseDelay}.", nameof(configure));
        }

        ApiHttpClient.AddHttpMessageHandler(services => new SafeRetryHandler(options, services.GetRequiredService<TimeProvider>()));
        return this;
    }

    private IntegryBuilder AddScopedProvider(Func<IServiceProvider, ICredentialProvider> resolve)
    {
        _registration.AddSingleton<ICredentialProvider>(
            Services,
            services => new ScopedCredentialProvider(services.GetRequiredService<IServiceScopeFactory>(), resolve),
            replace: true);
        return this;
    }

    private static PassthroughExecutor CreateExecutor(IServiceProvider services, IntegryRegistration registration)
    {
        // What the options set explicitly wins; the container supplies the rest.
        var options = services.GetRequiredService<IOptionsMonitor<PassthroughOptions>>().Get(registration.OptionsName);
        var factory = services.GetRequiredService<IHttpClientFactory>();
        var provider = registration.GetService<ICredentialProvider>(services) ?? services.GetService<ICredentialProvider>()
            ?? throw new InvalidOperationException(PassthroughOptionsValidator.MissingProvider);
        return new PassthroughExecutor(
            provider,
            options,
            options.Handler is null ? () => factory.CreateClient(registration.PassthroughHttpClientName) : PassthroughHandlerPolicy.HttpClientFor(options),
            options.CallLog ?? registration.GetService<IFunctionCallLog>(services) ?? services.GetRequiredService<IFunctionCallLog>(),
            options.TimeProvider ?? services.GetRequiredService<TimeProvider>(),
            PassthroughExecutor.LoggerFor(options.LoggerFactory ?? services.GetService<ILoggerFactory>()));
    }
}
