namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>
/// The executor's own primary handler (no redirects, decompression, the local-network check), with one addition:
/// it signals each response whose headers reached the client, so a server can cut a body short only once the
/// client is reading it.
/// </summary>
internal sealed class FaultClientHandler : DelegatingHandler
{
    public FaultClientHandler(int maxConnectionsPerServer = int.MaxValue)
        : base(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnectionsPerServer, AutomaticDecompression = System.Net.DecompressionMethods.All, PooledConnectionLifetime = TimeSpan.FromMinutes(2) })
    {
    }

    /// <summary>Gets one signal per response whose status line and headers arrived.</summary>
    public FaultSignals HeadersReceived { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        HeadersReceived.Signal();
        return response;
    }
}
