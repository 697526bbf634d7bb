
namespace Integry.Sdk.Emulator;

/// <summary>
/// A local stand-in for <c>api.integry.io</c> on 127.0.0.1: the current API and the legacy passthrough routes, with
/// passthroughs run by the SDK's own <see cref="PassthroughExecutor"/>. Start it in-process in tests with
/// <c>await using var emulator = await IntegryEmulator.StartAsync(...)</c>; the <c>integry emulator</c> command hosts the same routes.
/// </summary>
public sealed class IntegryEmulator : IAsyncDisposable
{
    /// <summary>The largest request body the emulator reads.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    private readonly WebApplication _app;

    private IntegryEmulator(WebApplication app, EmulatorState state, Uri baseAddress)
    {
        _app = app;
        State = state;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the address to use as <see cref="IntegryClientOptions.BaseAddress"/>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the config the emulator serves.</summary>
    public EmulatorConfig Config => State.Config;

    /// <summary>Gets the function calls log (executed calls only); the same records <c>GET /emulator/calls</c> serves.</summary>
    public InMemoryFunctionCallLog CallLog => State.CallLog;

    /// <summary>Gets the executed calls so far, oldest first.</summary>
    public IReadOnlyList<FunctionCallRecord> Calls => State.CallLog.GetRecords();

    internal EmulatorState State { get; }

    /// <summary>Starts the emulator on 127.0.0.1, configured in code.</summary>
    /// <param name="configure">Sets the apps, users and connected accounts (and, if needed, the port and app key).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running emulator.</returns>
    /// <exception cref="IOException">The port is in use.</exception>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Deliberate: the one options bag of start-up; the EmulatorConfig overload is its short form.")]
    public static Task<IntegryEmulator> StartAsync(Action<IntegryEmulatorBuilder> configure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new IntegryEmulatorBuilder();
        configure(builder);
        return StartAsync(builder.Config, builder.Apps, builder.Port, builder.UpstreamHandler, cancellationToken);
    }

    /// <summary>Starts the emulator on 127.0.0.1, on a port the OS picks, serving a config (such as <see cref="EmulatorConfig.Load"/> of a JSON file).</summary>
    /// <param name="config">What to serve.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running emulator.</returns>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Deliberate: the short form of the builder overload for a config already in hand; both end with the optional CancellationToken the house rules require.")]
    public static Task<IntegryEmulator> StartAsync(EmulatorConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return StartAsync(builder => builder.UseConfig(config), cancellationToken);
    }

    /// <summary>Creates a client signed with the emulator's app key and secret, for one of its users.</summary>
    /// <param name="userId">The end user the client calls for.</param>
    /// <returns>A client whose <see cref="IntegryClientOptions.BaseAddress"/> is the emulator.</returns>
    public IntegryClient CreateClient(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new IntegryClient(new IntegryClientOptions
        {
            AppKey = Config.AppKey,
            AppSecret = Config.AppSecret,
            UserId = userId,
            BaseAddress = BaseAddress,
        });
    }

    /// <summary>Empties the function calls log, for example between tests that share one emulator.</summary>
    public void ResetCallLog() => State.CallLog.Clear();

    private static async Task<IntegryEmulator> StartAsync(EmulatorConfig config, IReadOnlyList<AppDefinition> apps, int port, HttpMessageHandler? upstreamHandler, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        var state = new EmulatorState(config, apps, upstreamHandler);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddRouting();

        // The host process owns Ctrl+C and SIGTERM (a test runner, the integry tool): no console lifetime of our own.
        builder.Services.AddSingleton<IHostLifetime, HostedLifetime>();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            // Only loopback names: a web page that rebinds its own host name to 127.0.0.1 must not read the emulator.
            if (context.Request.Host.Host is not ("127.0.0.1" or "localhost" or "[::1]" or "::1"))
            {
                await WireBodies.Detail(StatusCodes.Status400BadRequest, "Invalid Host header.").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
            {
                await WireBodies.Detail(exception.StatusCode, exception.Message).ExecuteAsync(context).ConfigureAwait(false);
            }
        });
        var signed = app.MapGroup(string.Empty).RequireSignature(config);
        FunctionEndpoints.Map(signed, state);
        AppEndpoints.Map(signed, state);
        SdkConfigEndpoints.Map(signed);
        LegacyEndpoints.Map(signed, state);
        CallLogEndpoints.Map(signed, state);
        app.MapFallback(() => WireBodies.Detail(StatusCodes.Status404NotFound, "Not found."));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"The emulator cannot listen on 127.0.0.1:{port}: the port is in use.", exception);
        }

        return new IntegryEmulator(app, state, new Uri(app.Urls.Single() + "/"));
    }

    /// <summary>Waits until the emulator is stopped or <paramref name="cancellationToken"/> is cancelled (the integry tool cancels it on Ctrl+C and SIGTERM).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the emulator has stopped.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class HostedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
