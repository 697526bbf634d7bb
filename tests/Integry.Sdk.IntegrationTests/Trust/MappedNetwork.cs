using System.Net;
using Integry.Sdk.Passthrough;

namespace Integry.Sdk.IntegrationTests.Trust;

/// <summary>The test's DNS: its names resolve to their addresses (which the guard checks as it would any); a direct
/// connect to one of them goes to the loopback server on the same port.</summary>
internal sealed class MappedNetwork(Dictionary<string, IPAddress> names) : OnwardNetwork
{
    public List<string> Resolved { get; } = [];

    public override ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        lock (Resolved)
        {
            Resolved.Add(host);
        }

        return names.TryGetValue(host, out var address) ? ValueTask.FromResult<IPAddress[]>([address]) : base.ResolveAsync(host, cancellationToken);
    }

    public override ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken) =>
        base.ConnectAsync(addresses.All(names.ContainsValue) ? [IPAddress.Loopback] : addresses, port, cancellationToken);
}
