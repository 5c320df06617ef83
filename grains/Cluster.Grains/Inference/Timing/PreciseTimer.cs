using System.Diagnostics;

namespace Cluster.Grains.Inference.Timing;

/// <summary>
/// A timer of <see cref="PreciseTimeProvider"/>. Each <see cref="Change"/> supersedes what was
/// armed before (a generation count marks the provider's older entries stale); the callback runs on
/// the provider's thread.
/// </summary>
internal sealed class PreciseTimer(PreciseTimeProvider provider, TimerCallback callback, object? state) : ITimer
{
    private long _generation;
    private bool _disposed;

    /// <summary>Ticks between firings of a periodic timer; 0 for one that fires once. Read under the provider's gate.</summary>
    internal long PeriodTicks { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        ValidateSpan(dueTime, nameof(dueTime));
        ValidateSpan(period, nameof(period));
        bool wake;
        lock (provider.Gate)
        {
            if (_disposed || provider.IsDisposed) return false;
            var generation = ++_generation;
            PeriodTicks = period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero ? 0 : Ticks(period);
            if (dueTime == Timeout.InfiniteTimeSpan) return true;
            wake = provider.ScheduleLocked(this, generation, Stopwatch.GetTimestamp() + Ticks(dueTime));
        }
        if (wake) provider.Wake();
        return true;
    }

    /// <summary>Whether an entry armed at <paramref name="generation"/> is still this timer's current one. Under the provider's gate.</summary>
    internal bool IsCurrentLocked(long generation) => !_disposed && generation == _generation;

    internal void Fire() => callback(state);

    public void Dispose()
    {
        lock (provider.Gate)
        {
            _disposed = true;
            _generation++;
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
