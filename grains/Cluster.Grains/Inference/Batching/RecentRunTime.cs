namespace Cluster.Grains.Inference.Batching;

/// <summary>
/// How long a shard's recent runs took (an exponentially weighted mean over about the last eight
/// runs, in clock ticks), and whether a request may run on its caller's thread
/// (<see cref="DynamicBatcher"/>): only once <see cref="MinRuns"/> runs were seen and their mean is
/// at most <see cref="InlineLimitMicroseconds"/>, so that holding the caller (the shard grain's
/// turn) costs less than handing the run to another thread would. A model whose runs take longer,
/// or one not yet seen to run, always runs on the batcher's own threads. Not thread-safe: updated
/// and read under the batcher's lock.
/// </summary>
internal sealed class RecentRunTime(long frequency)
{
    /// <summary>Runs seen before the mean is trusted.</summary>
    public const int MinRuns = 8;

    /// <summary>The longest mean run that may hold the caller's thread.</summary>
    public const long InlineLimitMicroseconds = 500;

    private readonly long _limitTicks = Math.Max(1, InlineLimitMicroseconds * frequency / 1_000_000);
    private int _runs;

    /// <summary>The mean in ticks (0 before the first run).</summary>
    public long MeanTicks { get; private set; }

    public void Ran(long ticks)
    {
        ticks = Math.Max(0, ticks);
        MeanTicks = _runs == 0 ? ticks : MeanTicks + (ticks - MeanTicks) / 8;
        if (_runs < MinRuns) _runs++;
    }

    /// <summary>True when recent runs were short enough to run the next one on the caller's thread.</summary>
    public bool ShortEnoughToRunInline => _runs >= MinRuns && MeanTicks <= _limitTicks;
}
