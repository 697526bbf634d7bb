using Integry.Sdk.Remote;

namespace Integry.Sdk;

/// <summary>What every <see cref="IntegryClient"/> of one configuration shares, whichever user it acts for.</summary>
internal sealed class ClientCore
{
    public ClientCore(IntegryClientOptions options, Func<HttpClient> integryHttpClient, PassthroughExecutor? passthrough, TimeProvider timeProvider)
    {
        Options = options;
        Passthrough = passthrough;
        Remote = options.HasRemoteCredentials ? new RemoteExecutor(integryHttpClient, options, timeProvider) : null;
    }

    public IntegryClientOptions Options { get; }

    public RemoteExecutor? Remote { get; }

    public PassthroughExecutor? Passthrough { get; }

    /// <summary>Validates options the way <c>ValidateOnStart</c> does under a host, for clients built by hand.</summary>
    public static IntegryClientOptions Freeze(IntegryClientOptions options, bool localExecutorConfigured)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Validate(localExecutorConfigured);
        if (failures.Count > 0)
        {
            throw new ArgumentException("IntegryClientOptions are not valid: " + string.Join(" ", failures), nameof(options));
        }

        return options.Clone();
    }
}
