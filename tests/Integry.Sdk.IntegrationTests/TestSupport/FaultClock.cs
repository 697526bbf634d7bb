using Microsoft.Extensions.Time.Testing;

namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also says when something starts waiting on it: every timer scheduled (created,
/// or re-armed as <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> does) is recorded with its due time, so a
/// test advances the clock only once the wait it means to end really exists.
/// </summary>
internal sealed class FaultClock : FakeTimeProvider
{
    private readonly object _gate = new();
    private readonly List<TimeSpan> _scheduled = [];
    private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Waiter)> _waiters = [];

    /// <summary>Gets every due time scheduled so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Scheduled
    {
        get
        {
            lock (_gate)
            {
                return _scheduled.ToArray();
            }
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SignallingTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Record(dueTime);
        return timer;
    }

    /// <summary>Completes once a timer with exactly this due time has been scheduled (before or after the call).</summary>
    public Task WhenScheduled(TimeSpan dueTime) => WhenScheduled(due => due == dueTime);

    /// <summary>
    /// Completes with the due time of the first timer (scheduled before or after the call) that matches, such as a
    /// back-off whose jitter the test cannot know in advance.
    /// </summary>
    public Task<TimeSpan> WhenScheduled(Func<TimeSpan, bool> match)
    {
        lock (_gate)
        {
            foreach (var due in _scheduled)
            {
                if (match(due))
                {
                    return Task.FromResult(due);
                }
            }

            var waiter = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, waiter));
            return waiter.Task.WaitAsync(Fault.Guard);
        }
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        List<TaskCompletionSource<TimeSpan>> reached;
        lock (_gate)
        {
            _scheduled.Add(dueTime);
            reached = _waiters.Where(waiter => waiter.Match(dueTime)).Select(waiter => waiter.Waiter).ToList();
            _waiters.RemoveAll(waiter => waiter.Match(dueTime));
        }

        foreach (var waiter in reached)
        {
            waiter.TrySetResult(dueTime);
        }
    }

    private sealed class SignallingTimer(ITimer inner, FaultClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Record(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
