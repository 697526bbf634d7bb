using Microsoft.Extensions.Configuration;

namespace Integry.Sdk.DependencyInjection;

/// <summary>
/// The part of <see cref="IntegryClientOptions"/> that configuration binds: plain settings only, so the binder never
/// tries to build the transport or the executor (<see cref="IntegryClientOptions.HttpClient"/>,
/// <see cref="IntegryClientOptions.PassthroughExecutor"/>), which come from code or the container.
/// </summary>
internal sealed class IntegryClientSettings
{
    public string? AppKey { get; set; }

    public string? AppSecret { get; set; }

    public string? UserId { get; set; }

    public Uri? BaseAddress { get; set; }

    public TimeSpan? Timeout { get; set; }

    /// <summary>Overlays the values the configuration section holds on the options, leaving the others as they are.</summary>
    public static void Bind(IConfiguration configuration, IntegryClientOptions options)
    {
        var settings = new IntegryClientSettings();
        configuration.Bind(settings);
        options.AppKey = settings.AppKey ?? options.AppKey;
        options.AppSecret = settings.AppSecret ?? options.AppSecret;
        options.UserId = settings.UserId ?? options.UserId;
        options.BaseAddress = settings.BaseAddress ?? options.BaseAddress;
        options.Timeout = settings.Timeout ?? options.Timeout;
    }
}
