namespace Integry.Sdk;

/// <summary>Keeps the most recent executed calls in memory, up to a fixed number; the oldest are dropped first. Thread-safe.</summary>
public sealed class InMemoryFunctionCallLog : IFunctionCallLog
{
    /// <summary>How many records are kept by default.</summary>
    public const int DefaultCapacity = 1000;

    private readonly object _gate = new();
    private readonly FunctionCallRecord[] _records;
    private int _next;
    private int _count;

    /// <summary>Creates a log that keeps up to <paramref name="capacity"/> records.</summary>
    /// <param name="capacity">How many records to keep.</param>
    public InMemoryFunctionCallLog(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _records = new FunctionCallRecord[capacity];
    }

    /// <summary>Gets how many records the log keeps at most.</summary>
    public int Capacity => _records.Length;

    /// <inheritdoc />
    public ValueTask RecordAsync(FunctionCallRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _records[_next] = record;
            _next = (_next + 1) % _records.Length;
            _count = Math.Min(_count + 1, _records.Length);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Gets the kept records, oldest first.</summary>
    /// <returns>A copy of the records.</returns>
    public IReadOnlyList<FunctionCallRecord> GetRecords()
    {
        lock (_gate)
        {
            var copy = new FunctionCallRecord[_count];
            var start = (_next - _count + _records.Length) % _records.Length;
            for (var i = 0; i < _count; i++)
            {
                copy[i] = _records[(start + i) % _records.Length];
            }

            return copy;
        }
    }

    /// <summary>Removes every record.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            Array.Clear(_records);
            _next = 0;
            _count = 0;
        }
    }
}
