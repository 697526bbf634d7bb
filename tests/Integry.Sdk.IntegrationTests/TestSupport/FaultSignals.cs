namespace Integry.Sdk.IntegrationTests.TestSupport;

/// <summary>A numbered board of events: the n-th <see cref="Signal"/> completes every <see cref="WhenReached"/> of n or less.</summary>
internal sealed class FaultSignals
{
    private readonly object _gate = new();
    private readonly Dictionary<int, TaskCompletionSource> _waiters = [];
    private int _count;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>Records one more event and returns its number (1-based).</summary>
    public int Signal()
    {
        TaskCompletionSource? reached;
        int number;
        lock (_gate)
        {
            number = ++_count;
            _waiters.Remove(number, out reached);
        }

        reached?.TrySetResult();
        return number;
    }

    /// <summary>Completes once at least <paramref name="number"/> events happened; fails after <see cref="Fault.Guard"/> of real time, so no test hangs.</summary>
    public Task WhenReached(int number)
    {
        lock (_gate)
        {
            if (_count >= number)
            {
                return Task.CompletedTask;
            }

            if (!_waiters.TryGetValue(number, out var waiter))
            {
                _waiters[number] = waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return waiter.Task.WaitAsync(Fault.Guard);
        }
    }
}
