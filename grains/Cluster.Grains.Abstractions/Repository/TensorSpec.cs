namespace Cluster.Grains.Repository;

/// <summary>
/// A model input or output as clients see it: KServe datatype name (e.g. <c>FP32</c>) and the
/// full shape, with -1 for a variable dimension (the batch dimension included when the model
/// batches).
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.TensorSpec")]
public sealed record class TensorSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] string DataType,
    [property: Id(2)] long[] Shape)
{
    /// <summary>The shape as text, e.g. <c>[-1,30]</c>, for messages.</summary>
    public string ShapeText => TensorShape.Format(Shape);
}
