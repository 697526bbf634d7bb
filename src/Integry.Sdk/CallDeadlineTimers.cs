using System.Collections.Concurrent;

namespace Integry.Sdk;

/// <summary>
/// Timer sources for <see cref="CallDeadline"/>, reused across calls of one executor (on its clock): a call that ends
/// before its deadline gives its source back reset (<see cref="CancellationTokenSource.TryReset"/> also drops its
/// registrations), so the next call needs no new source, timer or registration list.
/// </summary>
internal sealed class CallDeadlineTimers(TimeProvider timeProvider)
{
    // Enough for hundreds of calls in flight at once (each kept source is about 200 bytes): beyond it, sources are new.
    private const int MaxKept = 1024;

    private readonly ConcurrentQueue<CancellationTokenSource> _kept = new();

    public TimeProvider TimeProvider { get; } = timeProvider;

    public CancellationTokenSource Rent(TimeSpan timeout)
    {
        if (_kept.TryDequeue(out var source))
        {
            source.CancelAfter(timeout);
            return source;
        }

        return new CancellationTokenSource(timeout, TimeProvider);
    }

    /// <summary>A source whose timer is not scheduled yet: the deadline schedules it when the call first waits.</summary>
    public CancellationTokenSource RentUnscheduled() =>
        _kept.TryDequeue(out var source) ? source
        : ReferenceEquals(TimeProvider, TimeProvider.System) ? new CancellationTokenSource()
        : new CancellationTokenSource(System.Threading.Timeout.InfiniteTimeSpan, TimeProvider);

    public void Return(CancellationTokenSource source)
    {
        if (_kept.Count < MaxKept && source.TryReset())
        {
            _kept.Enqueue(source);
        }
        else
        {
            source.Dispose();
        }
    }
}
