namespace Cluster.Grains.Inference.Batching;

/// <summary>
/// The recent mean time between requests arriving at a shard (an exponentially weighted mean over
/// about the last eight gaps, each counted as at most <see cref="CapDelays"/> queue delays, so an idle
/// spell does not blind it for long). The planner waits out max_queue_delay for more requests only
/// when another is likely to arrive in time (<see cref="BatchPlanner"/>): a shard that sees a request
/// now and then runs it at once instead of holding it, and the scheduler spinning, for the whole
/// delay — with many models each at a low rate, that wait was most of a request's cost. Not
/// thread-safe: updated under the batcher's lock.
/// </summary>
internal sealed class ArrivalGap(long maxQueueDelayTicks)
{
    /// <summary>Longest gap counted, in queue delays.</summary>
    public const int CapDelays = 16;

    private long _last;

    /// <summary>The mean gap in Stopwatch ticks (0 before the first gap is seen: the planner then waits, as configured).</summary>
    public long MeanTicks { get; private set; }

    public void Arrived(long timestamp)
    {
        if (_last != 0)
        {
            var gap = Math.Clamp(timestamp - _last, 0, CapDelays * Math.Max(1, maxQueueDelayTicks));
            MeanTicks += (gap - MeanTicks) / 8;
        }
        _last = timestamp;
    }
}
