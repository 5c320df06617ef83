namespace Cluster.Grains.Repository;

/// <summary>One input of a <see cref="WarmupSample"/>: KServe datatype, full shape (batch included when the model batches), zeros or seeded random values.</summary>
[GenerateSerializer, Immutable, Alias("cluster.WarmupInput")]
public sealed record class WarmupInput(
    [property: Id(0)] string Name,
    [property: Id(1)] string DataType,
    [property: Id(2)] long[] Shape,
    [property: Id(3)] bool Random);
