namespace Integry.Sdk.Tests.TestSupport;

/// <summary>A handler that never answers: it reports each request, then waits until the request's token is cancelled.</summary>
internal sealed class HangingHandler : HttpMessageHandler
{
    private readonly TaskCompletionSource<HttpRequestMessage> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<HttpRequestMessage> Arrived => _arrived.Task;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken));
        _arrived.TrySetResult(request);
        await cancelled.Task;
        throw new InvalidOperationException("Unreachable: the wait above ends only by cancellation.");
    }
}
