using Cluster.Grains.Repository;

namespace Cluster.Grains.Inference.Batching;

/// <summary>
/// A shard's batching rules, resolved once from the model's <c>max_batch_size</c> and
/// <c>dynamic_batching</c> settings and the silo's execution slots. Times are timestamp ticks of
/// the shard's <see cref="TimeProvider"/> (<see cref="TimeProvider.GetTimestamp"/>), at its
/// <see cref="TimeProvider.TimestampFrequency"/>.
/// </summary>
internal sealed record class BatchingPolicy
{
    /// <summary>Most rows in one execution (<c>max_batch_size</c>).</summary>
    public required int MaxBatchSize { get; init; }

    /// <summary><c>preferred_batch_size</c>, ascending and distinct.</summary>
    public int[] PreferredBatchSizes { get; init; } = [];

    /// <summary><c>max_queue_delay_microseconds</c> in timestamp ticks: how long the oldest request of a forming batch may wait for more.</summary>
    public long MaxQueueDelayTicks { get; init; }

    /// <summary>Most requests waiting in the queue (<c>max_queue_size</c>); 0 = unbounded.</summary>
    public int MaxQueueSize { get; init; }

    public int PriorityLevels { get; init; }
    public int DefaultPriorityLevel { get; init; }
    public long DefaultTimeoutMicroseconds { get; init; }
    public bool PadVariableDimensions { get; init; } = true;

    /// <summary>Batches that may run at once (the shard's execution slots).</summary>
    public int MaxConcurrentBatches { get; init; } = 1;

    /// <summary>The largest preferred size, or <see cref="MaxBatchSize"/> when none is given: a batch this large is sent at once.</summary>
    public int LargestPreferred => PreferredBatchSizes.Length > 0 ? PreferredBatchSizes[^1] : MaxBatchSize;

    /// <summary>
    /// The policy of a shard: dynamic batching for a model that batches and asks for it, else one
    /// request per execution (<see cref="Unbatched"/>) through the same queue.
    /// </summary>
    public static BatchingPolicy For(ModelVersionDescriptor model, int concurrency, long timestampFrequency) =>
        model is { MaxBatchSize: > 0, DynamicBatching: { } b } ? From(model.MaxBatchSize, b, concurrency, timestampFrequency) : Unbatched(model.DynamicBatching, concurrency);

    /// <summary>Whether executions may join requests (false for <see cref="Unbatched"/>).</summary>
    public bool Joins => MaxBatchSize > 1 || PreferredBatchSizes.Length > 0;

    /// <summary>
    /// Every request runs alone, at once (no delay), as many at a time as the shard's slots; the
    /// queue bound and default timeout still apply when the config gives them.
    /// </summary>
    public static BatchingPolicy Unbatched(DynamicBatchingSettings? b, int concurrency) => new()
    {
        MaxBatchSize = 1,
        MaxQueueSize = b?.MaxQueueSize ?? 0,
        DefaultTimeoutMicroseconds = b?.DefaultTimeoutMicroseconds ?? 0,
        MaxConcurrentBatches = Math.Max(1, concurrency),
    };

    /// <param name="timestampFrequency">Ticks per second of the clock the batcher reads (<see cref="TimeProvider.TimestampFrequency"/>).</param>
    public static BatchingPolicy From(int maxBatchSize, DynamicBatchingSettings b, int concurrency, long timestampFrequency) => new()
    {
        MaxBatchSize = maxBatchSize,
        PreferredBatchSizes = [.. b.PreferredBatchSizes.Where(s => s >= 1 && s <= maxBatchSize).Distinct().Order()],
        MaxQueueDelayTicks = MicrosecondsToTicks(b.MaxQueueDelayMicroseconds, timestampFrequency),
        MaxQueueSize = b.MaxQueueSize,
        PriorityLevels = b.PriorityLevels,
        DefaultPriorityLevel = b.DefaultPriorityLevel,
        DefaultTimeoutMicroseconds = b.DefaultTimeoutMicroseconds,
        PadVariableDimensions = b.PadVariableDimensions,
        MaxConcurrentBatches = Math.Max(1, concurrency),
    };

    public bool IsPreferred(long rows) => PreferredBatchSizes.Length > 0 && Array.BinarySearch(PreferredBatchSizes, (int)Math.Min(rows, int.MaxValue)) >= 0;

    /// <summary>
    /// The queue level of a request (Triton's rule): its <c>priority</c> when it lies in
    /// 1..priority_levels, else <c>default_priority_level</c>; everything shares one level when the
    /// model sets no levels.
    /// </summary>
    public int LevelOf(int priority) =>
        PriorityLevels == 0 ? 0 : priority >= 1 && priority <= PriorityLevels ? priority : DefaultPriorityLevel;

    /// <summary>The request's queue timeout in microseconds: its own <c>timeout</c>, capped by the model's default; 0 = none.</summary>
    public long TimeoutMicrosecondsOf(InferenceRequest request)
    {
        var own = request.TimeoutMicroseconds;
        if (own <= 0) return DefaultTimeoutMicroseconds;
        return DefaultTimeoutMicroseconds > 0 ? Math.Min(own, DefaultTimeoutMicroseconds) : own;
    }

    /// <summary>Microseconds as ticks of a clock of <paramref name="timestampFrequency"/>, saturating far beyond any real wait.</summary>
    public static long MicrosecondsToTicks(long microseconds, long timestampFrequency)
    {
        if (microseconds <= 0) return 0;
        var ticks = microseconds * (timestampFrequency / 1_000_000.0);
        return ticks >= long.MaxValue / 4 ? long.MaxValue / 4 : (long)Math.Ceiling(ticks);
    }
}
