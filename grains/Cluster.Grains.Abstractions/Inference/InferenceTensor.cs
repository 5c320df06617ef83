namespace Cluster.Grains.Inference;

/// <summary>
/// A tensor on its way to or from a shard: KServe datatype, concrete shape and raw row-major
/// little-endian bytes (BYTES in Triton's length-prefixed form). The bytes are a window on memory
/// the tensor does not own alone: a protobuf buffer as it arrived, or a batch's output, one window
/// per request (nothing is copied to hand a request its rows). Treat them as read-only; a local
/// grain call passes the window itself ([Immutable]), a remote one sends its bytes. Its contents never reach a log:
/// <see cref="ToString"/> prints only name, datatype, shape and size.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.InferenceTensor")]
public sealed record class InferenceTensor(
    [property: Id(0)] string Name,
    [property: Id(1)] string DataType,
    [property: Id(2)] long[] Shape,
    [property: Id(3)] ReadOnlyMemory<byte> Data)
{
    public override string ToString() =>
        $"{Name} {DataType} {Repository.TensorShape.Format(Shape)} ({Data.Length} bytes)";
}
