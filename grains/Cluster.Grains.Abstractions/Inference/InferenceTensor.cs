namespace Cluster.Grains.Inference;

/// <summary>
/// A tensor on its way to or from a shard: KServe datatype, concrete shape and raw row-major
/// little-endian bytes (BYTES in Triton's length-prefixed form). Its contents never reach a log:
/// <see cref="ToString"/> prints only name, datatype, shape and size.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.InferenceTensor")]
public sealed record class InferenceTensor(
    [property: Id(0)] string Name,
    [property: Id(1)] string DataType,
    [property: Id(2)] long[] Shape,
    [property: Id(3)] byte[] Data)
{
    public override string ToString() =>
        $"{Name} {DataType} {Repository.TensorShape.Format(Shape)} ({Data.Length} bytes)";
}
