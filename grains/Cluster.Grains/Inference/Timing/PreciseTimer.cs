using System.Diagnostics;

namespace Cluster.Grains.Inference.Timing;

/// <summary>
/// A timer of <see cref="PreciseTimeProvider"/>; the callback runs on the provider's thread. It
/// keeps at most one live entry in the provider's queue: re-arming it for the same or a later time
/// (a shard's loop re-arms its wake for the same deadline at every signal) only moves
/// <see cref="_dueAt"/>, and the entry, when it comes up early, is queued again for that time; only
/// an earlier time queues a new entry, which leaves the old one stale (dropped when it comes up).
/// All fields are read and written under the provider's gate.
/// </summary>
internal sealed class PreciseTimer(PreciseTimeProvider provider, TimerCallback callback, object? state) : ITimer
{
    private const long Never = long.MaxValue;

    /// <summary>When the timer is next due (a Stopwatch timestamp), or <see cref="Never"/>.</summary>
    private long _dueAt = Never;

    /// <summary>The time of its live entry in the provider's queue, or <see cref="Never"/>; entries at other times are stale.</summary>
    private long _queuedAt = Never;

    /// <summary>Ticks between firings of a periodic timer; 0 for one that fires once.</summary>
    private long _periodTicks;

    private bool _disposed;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        ValidateSpan(dueTime, nameof(dueTime));
        ValidateSpan(period, nameof(period));
        var wake = false;
        lock (provider.Gate)
        {
            if (_disposed || provider.IsDisposed) return false;
            _periodTicks = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? 0 : Ticks(period);
            _dueAt = dueTime == Timeout.InfiniteTimeSpan ? Never : Stopwatch.GetTimestamp() + Ticks(dueTime);
            if (_dueAt < _queuedAt)
            {
                _queuedAt = _dueAt;
                wake = provider.ScheduleLocked(this, _dueAt);
            }
        }
        if (wake) provider.Wake();
        return true;
    }

    /// <summary>
    /// The provider took this timer's entry for <paramref name="at"/> off its queue at
    /// <paramref name="now"/>: whether the timer fires, and where its entry goes next
    /// (<paramref name="requeueAt"/>; <see cref="Never"/> for nowhere). Under the provider's gate.
    /// </summary>
    internal bool TakeLocked(long at, long now, out long requeueAt)
    {
        requeueAt = Never;
        if (at != _queuedAt) return false;
        _queuedAt = Never;
        if (_disposed || _dueAt == Never) return false;
        var fires = _dueAt <= now;
        if (fires) _dueAt = _periodTicks > 0 ? Math.Max(_dueAt + _periodTicks, now) : Never;
        if (_dueAt != Never) requeueAt = _queuedAt = _dueAt;
        return fires;
    }

    internal void Fire() => callback(state);

    public void Dispose()
    {
        lock (provider.Gate)
        {
            _disposed = true;
            _dueAt = Never;
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static long Ticks(TimeSpan span)
    {
        var ticks = span.Ticks * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond);
        return ticks >= long.MaxValue / 4 ? long.MaxValue / 4 : (long)Math.Ceiling(ticks);
    }

    private static void ValidateSpan(TimeSpan span, string name)
    {
        if (span < TimeSpan.Zero && span != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(name, span, "must be zero or more, or Timeout.InfiniteTimeSpan.");
    }
}
