namespace Cluster.Grains.Repository;

/// <summary>
/// A request a shard runs <see cref="Count"/> times after loading and before serving (Triton's
/// <c>model_warmup</c>). Inputs are generated on the shard, never sent: zeros, or seeded random values.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.WarmupSample")]
public sealed record class WarmupSample(
    [property: Id(0)] string Name,
    [property: Id(1)] int BatchSize,
    [property: Id(2)] int Count,
    [property: Id(3)] WarmupInput[] Inputs);
