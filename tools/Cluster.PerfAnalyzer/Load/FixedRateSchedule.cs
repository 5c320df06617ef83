namespace Cluster.PerfAnalyzer.Load;

/// <summary>
/// When the requests of a fixed-rate (open-loop) run are due: request <i>i</i> at
/// <c>start + i / rate</c>, in Stopwatch ticks. The dispatcher sends every request that is due
/// when it wakes, and latency runs from the due time (so a late send is not hidden: no coordinated omission).
/// </summary>
public sealed class FixedRateSchedule
{
    private readonly long _start;
    private readonly double _ticksPerRequest;

    public FixedRateSchedule(double requestsPerSecond, long start, long ticksPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requestsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ticksPerSecond);
        _start = start;
        _ticksPerRequest = ticksPerSecond / requestsPerSecond;
    }

    /// <summary>The timestamp request <paramref name="index"/> is due at.</summary>
    public long DueAt(long index) => _start + (long)Math.Round(index * _ticksPerRequest);

    /// <summary>How many requests are due at or before <paramref name="now"/> (0 before the start).</summary>
    public long DueBy(long now)
    {
        if (now < _start) return 0;
        var count = (long)Math.Floor((now - _start) / _ticksPerRequest) + 1;
        while (count > 0 && DueAt(count - 1) > now) count--;
        while (DueAt(count) <= now) count++;
        return count;
    }
}
