namespace Cluster.Grains.Repository;

/// <summary>Triton's dynamic batching settings for one model.</summary>
[GenerateSerializer, Immutable, Alias("cluster.DynamicBatchingSettings")]
public sealed record class DynamicBatchingSettings(
    [property: Id(0)] int[] PreferredBatchSizes,
    [property: Id(1)] long MaxQueueDelayMicroseconds,
    [property: Id(2)] int MaxQueueSize);
