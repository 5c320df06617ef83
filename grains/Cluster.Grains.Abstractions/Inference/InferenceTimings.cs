namespace Cluster.Grains.Inference;

/// <summary>Where a request's time went inside its shard, in nanoseconds (Triton's breakdown).</summary>
[GenerateSerializer, Immutable, Alias("cluster.InferenceTimings")]
public sealed record class InferenceTimings(
    [property: Id(0)] long QueueNs,
    [property: Id(1)] long ComputeInputNs,
    [property: Id(2)] long ComputeInferNs,
    [property: Id(3)] long ComputeOutputNs)
{
    public static InferenceTimings Zero { get; } = new(0, 0, 0, 0);
}
