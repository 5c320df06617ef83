namespace Cluster.Grains.Inference;

/// <summary>Compute time of the executions that ran with one batch size.</summary>
[GenerateSerializer, Immutable, Alias("cluster.BatchStatistics")]
public sealed record class BatchStatistics(
    [property: Id(0)] long BatchSize,
    [property: Id(1)] StatisticDuration ComputeInput,
    [property: Id(2)] StatisticDuration ComputeInfer,
    [property: Id(3)] StatisticDuration ComputeOutput);
