namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>
/// A handler for the client's pipeline to Integry that signals each response whose status line and headers arrived,
/// so a server can cut a body short only once the client is reading it.
/// </summary>
internal sealed class HeadersSignalHandler(FaultSignals headersReceived) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        headersReceived.Signal();
        return response;
    }
}
