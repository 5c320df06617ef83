namespace Cluster.Grains.Repository;

/// <summary>
/// Triton's dynamic batching settings for one model (config.json <c>dynamic_batching</c>); the
/// shard's batcher reads them (docs/batching.md).
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.DynamicBatchingSettings")]
public sealed record class DynamicBatchingSettings(
    [property: Id(0)] int[] PreferredBatchSizes,
    [property: Id(1)] long MaxQueueDelayMicroseconds,
    [property: Id(2)] int MaxQueueSize)
{
    /// <summary><c>priority_levels</c>: how many levels requests may ask for (1 served first); 0 = one level, request priorities are ignored.</summary>
    [Id(3)] public int PriorityLevels { get; init; }

    /// <summary><c>default_priority_level</c>: the level of a request that states priority 0 or one above <see cref="PriorityLevels"/>.</summary>
    [Id(4)] public int DefaultPriorityLevel { get; init; }

    /// <summary><c>default_queue_policy.default_timeout_microseconds</c>: longest a request waits in the queue; 0 = no limit. A request's own <c>timeout</c> may only shorten it.</summary>
    [Id(5)] public long DefaultTimeoutMicroseconds { get; init; }

    /// <summary>
    /// Whether requests whose variable (-1) dimensions differ are padded to the batch's longest and
    /// run together (default), or run only with requests of the same shape (model parameter
    /// <c>batch_padding</c> = <c>false</c>).
    /// </summary>
    [Id(6)] public bool PadVariableDimensions { get; init; } = true;
}
