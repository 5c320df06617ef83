namespace Cluster.Grains.Inference;

/// <summary>A shard's cumulative statistics since activation (Triton's ModelStatistics).</summary>
[GenerateSerializer, Immutable, Alias("cluster.ShardStatistics")]
public sealed record class ShardStatistics
{
    [Id(0)] public long LastInferenceUnixMs { get; init; }
    [Id(1)] public long InferenceCount { get; init; }
    [Id(2)] public long ExecutionCount { get; init; }
    [Id(3)] public StatisticDuration Success { get; init; }
    [Id(4)] public StatisticDuration Fail { get; init; }
    [Id(5)] public StatisticDuration Queue { get; init; }
    [Id(6)] public StatisticDuration ComputeInput { get; init; }
    [Id(7)] public StatisticDuration ComputeInfer { get; init; }
    [Id(8)] public StatisticDuration ComputeOutput { get; init; }
    [Id(9)] public BatchStatistics[] Batches { get; init; } = [];
    [Id(10)] public string Device { get; init; } = "";

    public static ShardStatistics Empty { get; } = new();
}
