namespace Integry.Sdk;

/// <summary>The caller's cancellation joined with a time limit measured on the injected clock.</summary>
/// <remarks>
/// <para>The call's timer can also bound one attempt (<see cref="TryNarrow"/> / <see cref="EndNarrowing"/>): rescheduling the
/// timer the call already has costs nothing, where a timer and a linked token per attempt cost allocations on every call.</para>
/// <para>Every timer change takes the process-wide timer queue's lock, which calls in flight contend for. After an attempt
/// its limit stays on the timer until the call waits again (<see cref="Resume"/>, the next <see cref="TryNarrow"/>): a
/// call whose first attempt is its last never changes the timer back. A deadline made with <c>armWhenWaiting</c> (for a
/// lookup that never waits) also schedules its timer only when the call first waits. Such a call changes its timer twice
/// (the attempt's limit, then the reset) instead of four times. The limits are the same: counted from when the call
/// started and when each attempt started.</para>
/// </remarks>
internal sealed class CallDeadline : IDisposable
{
    /// <summary>The longest delay a .NET timer takes (<see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/>): about 49.7 days.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly TimeProvider _timeProvider;
    private readonly CallDeadlineTimers? _timers;
    private readonly CancellationToken _caller;
    private readonly long _startedTimestamp;
    private CancellationTokenSource? _timer;
    private CancellationTokenSource? _linked;
    private CancellationTokenSource? _retiredTimer;
    private CancellationTokenSource? _retiredLinked;
    private bool _armed;
    private bool _narrowed;
    private bool _resumePending;

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
    /// <remarks>With <c>armWhenWaiting</c> (and <paramref name="timers"/>) the timer is scheduled only when the call first
    /// waits: the caller calls <see cref="TryNarrow"/> or <see cref="Resume"/> before every wait of the call.</remarks>
    public CallDeadline(TimeSpan timeout, TimeProvider timeProvider, CallDeadlineTimers? timers, DateTimeOffset startedAt, long startedTimestamp, CancellationToken cancellationToken, bool armWhenWaiting = false)
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
            _armed = !(armWhenWaiting && timers is not null);
            _timer = timers is null ? new CancellationTokenSource(timeout, timeProvider) : _armed ? timers.Rent(timeout) : timers.RentUnscheduled();
            // A caller's token that can never cancel needs no linked source: the timer's token is the call's token.
            _linked = cancellationToken.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token) : null;
        }

        Timeout = timeout;
        StartedAt = startedAt;
    }

    /// <summary>Gets when the call started, on the injected clock.</summary>
    public DateTimeOffset StartedAt { get; }

    /// <summary>Gets the <see cref="TimeProvider.GetTimestamp"/> the call started at.</summary>
    public long StartedTimestamp => _startedTimestamp;

    public TimeSpan Timeout { get; }

    public CancellationToken Token => (_linked ?? _timer)!.Token;

    /// <summary>Gets a value indicating whether the time limit, not the caller, ended the call.</summary>
    public bool Expired => !_narrowed && _timer?.IsCancellationRequested == true;

    /// <summary>Gets a value indicating whether the caller cancelled the call.</summary>
    public bool CallerCancelled => _caller.IsCancellationRequested;

    /// <summary>
    /// Makes <see cref="Token"/> cancel after <paramref name="attemptTimeout"/> as well, for one attempt, on the call's own
    /// timer; end it with <see cref="EndNarrowing"/>. <see langword="false"/> when the call has no timer (an infinite
    /// <see cref="Timeout"/>) and the attempt needs a timer of its own, or when the call's time is already up.
    /// </summary>
    public bool TryNarrow(TimeSpan attemptTimeout)
    {
        if (attemptTimeout == System.Threading.Timeout.InfiniteTimeSpan)
        {
            Resume();
            return true;
        }

        if (_resumePending)
        {
            // The previous attempt's limit is still on the timer (a redirect's next hop): the call's own comes back first,
            // with fresh sources if that limit has fired since.
            Resume();
        }

        if (_timer is null || _timer.IsCancellationRequested)
        {
            return false;
        }

        var remaining = Remaining();
        if (!_armed && remaining <= TimeSpan.Zero)
        {
            // The call's time ran out before it first waited: Resume expires it, as the timer would have by now.
            Resume();
            return false;
        }

        if (attemptTimeout < remaining)
        {
            ScheduleIn(attemptTimeout);
            _narrowed = true;
        }
        else if (!_armed)
        {
            ScheduleIn(remaining);
        }

        _armed = true;
        return true;
    }

    /// <summary>
    /// Ends an attempt's limit: <see langword="true"/> when that limit ended the attempt. The call's own deadline comes back
    /// at once after such an end; otherwise with <see cref="Resume"/> (or the next <see cref="TryNarrow"/>), when the call
    /// waits again: a call whose attempt was its last never changes its timer back.
    /// </summary>
    public bool EndNarrowing()
    {
        if (!_narrowed)
        {
            return false;
        }

        if (!_timer!.IsCancellationRequested)
        {
            _resumePending = true;
            return false;
        }

        return Restore();
    }

    /// <summary>Makes the timer hold the call's own deadline, before the call waits on anything an attempt does not bound:
    /// a credential lookup or refresh still running, a retry's wait, a streamed body.</summary>
    public void Resume()
    {
        if (_narrowed)
        {
            Restore();
        }
        else if (!_armed && _timer is not null)
        {
            var remaining = Remaining();
            if (remaining > TimeSpan.Zero)
            {
                ScheduleIn(remaining);
            }
            else
            {
                Expire();
            }

            _armed = true;
        }
    }

    /// <summary>Gives the call its own deadline back after an attempt's limit; <see langword="true"/> when that limit ended the attempt.</summary>
    private bool Restore()
    {
        _narrowed = false;
        _resumePending = false;
        var remaining = Remaining();
        if (!_timer!.IsCancellationRequested && remaining > TimeSpan.Zero)
        {
            ScheduleIn(remaining);
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

    /// <summary>Schedules the timer in whole milliseconds (its resolution), rounded up: a limit never fires early.</summary>
    private void ScheduleIn(TimeSpan delay) =>
        _timer!.CancelAfter(delay.Ticks % TimeSpan.TicksPerMillisecond == 0 ? delay : TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds)));

    /// <summary>Cancels the timer now, as it would have fired. Its callbacks run on this thread, before the call goes on; one
    /// that throws does not turn the call's timeout into its exception.</summary>
    private void Expire()
    {
        try
        {
            _timer!.Cancel();
        }
        catch (AggregateException)
        {
            // The source is cancelled all the same.
        }
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
