namespace Integry.Sdk;

/// <summary>The caller's cancellation joined with a time limit measured on the injected clock.</summary>
/// <remarks>
/// The call's timer can also bound one attempt (<see cref="TryNarrow"/> / <see cref="EndNarrowing"/>): rescheduling the
/// timer the call already has costs nothing, where a timer and a linked token per attempt cost allocations on every call.
/// </remarks>
internal sealed class CallDeadline : IDisposable
{
    private readonly TimeProvider _timeProvider;
    private readonly CallDeadlineTimers? _timers;
    private readonly CancellationToken _caller;
    private readonly long _startedTimestamp;
    private CancellationTokenSource? _timer;
    private CancellationTokenSource? _linked;
    private CancellationTokenSource? _retiredTimer;
    private CancellationTokenSource? _retiredLinked;
    private bool _narrowed;

    public CallDeadline(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
        : this(timeout, timeProvider, null, cancellationToken)
    {
    }

    /// <summary>Creates a deadline whose timer comes from (and goes back to) <paramref name="timers"/>, which must run on <paramref name="timeProvider"/>.</summary>
    public CallDeadline(TimeSpan timeout, TimeProvider timeProvider, CallDeadlineTimers? timers, CancellationToken cancellationToken)
        : this(timeout, timeProvider, timers, timeProvider.GetUtcNow(), timeProvider.GetTimestamp(), cancellationToken)
    {
    }

    /// <summary>Creates a deadline for a call that started at <paramref name="startedAt"/> (<paramref name="startedTimestamp"/>
    /// on <paramref name="timeProvider"/>'s stopwatch): the caller has read the clock already, and each read costs.</summary>
    public CallDeadline(TimeSpan timeout, TimeProvider timeProvider, CallDeadlineTimers? timers, DateTimeOffset startedAt, long startedTimestamp, CancellationToken cancellationToken)
    {
        _timeProvider = timeProvider;
        _timers = timers;
        _caller = cancellationToken;
        _startedTimestamp = startedTimestamp;
        if (timeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }
        else
        {
            // A TimeProvider-driven timer lets tests advance time instead of waiting for it.
            _timer = timers?.Rent(timeout) ?? new CancellationTokenSource(timeout, timeProvider);
            // A caller's token that can never cancel needs no linked source: the timer's token is the call's token.
            _linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token) : null;
        }

        Timeout = timeout;
        StartedAt = startedAt;
    }

    /// <summary>Gets when the call started, on the injected clock.</summary>
    public DateTimeOffset StartedAt { get; }

    public TimeSpan Timeout { get; }

    public CancellationToken Token => (_linked ?? _timer)!.Token;

    /// <summary>Gets a value indicating whether the time limit, not the caller, ended the call.</summary>
    public bool Expired => !_narrowed && _timer?.IsCancellationRequested == true;

    /// <summary>Gets a value indicating whether the caller cancelled the call.</summary>
    public bool CallerCancelled => _caller.IsCancellationRequested;

    /// <summary>
    /// Makes <see cref="Token"/> cancel after <paramref name="attemptTimeout"/> as well, for one attempt, on the call's own
    /// timer; end it with <see cref="EndNarrowing"/>. <see langword="false"/> when the call has no timer (an infinite
    /// <see cref="Timeout"/>) and the attempt needs a timer of its own.
    /// </summary>
    public bool TryNarrow(TimeSpan attemptTimeout)
    {
        if (attemptTimeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            return true;
        }

        if (_timer is null || _timer.IsCancellationRequested)
        {
            return false;
        }

        if (attemptTimeout < Remaining())
        {
            _timer.CancelAfter(attemptTimeout);
            _narrowed = true;
        }

        return true;
    }

    /// <summary>Gives the call its own deadline back after an attempt; <see langword="true"/> when the attempt's limit ended it.</summary>
    public bool EndNarrowing()
    {
        if (!_narrowed)
        {
            return false;
        }

        _narrowed = false;
        var remaining = Remaining();
        if (!_timer!.IsCancellationRequested && remaining > TimeSpan.Zero)
        {
            _timer.CancelAfter(remaining);
            if (!_timer.IsCancellationRequested)
            {
                return false;
            }
        }

        // The attempt's limit fired (a cancelled source cannot be reset): the rest of the call gets fresh sources, kept
        // until the call ends in case something still holds the old token.
        var timedOutAttempt = remaining > TimeSpan.Zero;
        _retiredLinked?.Dispose();
        _retiredTimer?.Dispose();
        (_retiredTimer, _retiredLinked) = (_timer, _linked);
        _timer = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _timeProvider);
        _linked = _caller.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(_caller, _timer.Token) : null;
        return timedOutAttempt;
    }

    public void Dispose()
    {
        _linked?.Dispose();
        if (_timers is not null && _timer is not null && _retiredTimer is null)
        {
            // Never cancelled and never replaced: reset and reused by a later call.
            _timers.Return(_timer);
        }
        else
        {
            _timer?.Dispose();
        }

        _retiredLinked?.Dispose();
        _retiredTimer?.Dispose();
    }

    private TimeSpan Remaining() => Timeout - _timeProvider.GetElapsedTime(_startedTimestamp);
}
