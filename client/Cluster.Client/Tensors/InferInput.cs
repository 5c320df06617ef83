namespace Cluster.Client.Tensors;

/// <summary>One input tensor ready to send: name, datatype, shape and its raw little-endian bytes.</summary>
public sealed record class InferInput(string Name, string Datatype, IReadOnlyList<long> Shape, byte[] RawData)
{
    /// <summary>
    /// Encodes values written as text (see <see cref="TensorEncoder"/>), checking that their number
    /// matches the shape. The datatype is case-insensitive.
    /// </summary>
    public static InferInput FromText(string name, string datatype, IReadOnlyList<long> shape, IReadOnlyList<string> values)
    {
        var canonical = TensorDataTypes.Normalize(datatype)
            ?? throw new TensorFormatException($"unknown datatype '{datatype}'; expected one of {string.Join(", ", TensorDataTypes.All)}");
        var expected = TensorShape.ElementCount(shape);
        if (expected != values.Count)
            throw new TensorFormatException($"shape {TensorShape.Format(shape)} needs {expected} values; got {values.Count}");
        return new InferInput(name, canonical, shape, TensorEncoder.Encode(canonical, values));
    }
}
