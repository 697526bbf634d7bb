namespace Integry.Sdk;

/// <summary>The caller's cancellation joined with a time limit measured on the injected clock.</summary>
internal sealed class CallDeadline : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource? _linked;

    public CallDeadline(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }
        else
        {
            // A TimeProvider-driven timer lets tests advance time instead of waiting for it.
            _timer = new CancellationTokenSource(timeout, timeProvider);
            // A caller's token that can never cancel needs no linked source: the timer's token is the call's token.
            _linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token) : null;
        }

        Timeout = timeout;
        StartedAt = timeProvider.GetUtcNow();
    }

    /// <summary>Gets when the call started, on the injected clock.</summary>
    public DateTimeOffset StartedAt { get; }

    public TimeSpan Timeout { get; }

    public CancellationToken Token => (_linked ?? _timer)!.Token;

    /// <summary>Gets a value indicating whether the time limit, not the caller, ended the call.</summary>
    public bool Expired => _timer?.IsCancellationRequested == true;

    public void Dispose()
    {
        _linked?.Dispose();
        _timer?.Dispose();
    }
}
