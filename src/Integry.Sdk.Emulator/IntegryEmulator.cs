
namespace Integry.Sdk.Emulator;

/// <summary>
/// A local stand-in for <c>api.integry.io</c> on 127.0.0.1: the current API and the legacy passthrough routes, with
/// passthroughs run by the SDK's own <see cref="PassthroughExecutor"/>. Start it in tests with <see cref="StartAsync"/>.
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

    /// <summary>Gets the function calls log (executed calls only).</summary>
    public InMemoryFunctionCallLog CallLog => State.CallLog;

    internal EmulatorState State { get; }

    /// <summary>Starts the emulator on 127.0.0.1.</summary>
    /// <param name="config">What to serve.</param>
    /// <param name="port">The port; 0 lets the OS pick one.</param>
    /// <param name="upstreamHandler">Sends the passthroughs' onward requests; the executor's own when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running emulator.</returns>
    public static async Task<IntegryEmulator> StartAsync(EmulatorConfig config, int port = 0, HttpMessageHandler? upstreamHandler = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var state = new EmulatorState(config, upstreamHandler);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.AddRouting();
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            // Only loopback names: a web page that rebinds its own host name to 127.0.0.1 must not read the emulator.
            if (context.Request.Host.Host is not ("127.0.0.1" or "localhost" or "[::1]" or "::1"))
            {
                await WireBodies.Detail(StatusCodes.Status400BadRequest, "Invalid Host header.").ExecuteAsync(context);
                return;
            }

            try
            {
                await next(context);
            }
            catch (BadHttpRequestException exception) when (!context.Response.HasStarted)
            {
                await WireBodies.Detail(exception.StatusCode, exception.Message).ExecuteAsync(context);
            }
        });
        var signed = app.MapGroup(string.Empty).RequireSignature(config);
        FunctionEndpoints.Map(signed, state);
        AppEndpoints.Map(signed, state);
        SdkConfigEndpoints.Map(signed);
        LegacyEndpoints.Map(signed, state);
        CallLogEndpoints.Map(signed, state);
        app.MapFallback(() => WireBodies.Detail(StatusCodes.Status404NotFound, "Not found."));
        await app.StartAsync(cancellationToken);
        return new IntegryEmulator(app, state, new Uri(app.Urls.Single() + "/"));
    }

    /// <summary>Waits until the emulator is asked to stop (Ctrl+C or SIGTERM, handled by the host's console lifetime).</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the emulator has stopped.</returns>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
