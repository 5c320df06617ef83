using System.Runtime.InteropServices;
using Google.Protobuf;
using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Onnx;

/// <summary>
/// Factories for constant tensors (initializers and tensor attributes). Numeric and boolean
/// elements go to <c>raw_data</c> (little-endian, one byte per bool); strings to
/// <c>string_data</c>. <paramref name="dims"/> of length zero makes a scalar.
/// </summary>
public static class OnnxTensor
{
    public static TensorProto Create(string name, float[] values, params long[] dims) => Raw(name, values, DataType.Float, dims);

    public static TensorProto Create(string name, double[] values, params long[] dims) => Raw(name, values, DataType.Double, dims);

    public static TensorProto Create(string name, Half[] values, params long[] dims) => Raw(name, values, DataType.Float16, dims);

    public static TensorProto Create(string name, sbyte[] values, params long[] dims) => Raw(name, values, DataType.Int8, dims);

    public static TensorProto Create(string name, short[] values, params long[] dims) => Raw(name, values, DataType.Int16, dims);

    public static TensorProto Create(string name, int[] values, params long[] dims) => Raw(name, values, DataType.Int32, dims);

    public static TensorProto Create(string name, long[] values, params long[] dims) => Raw(name, values, DataType.Int64, dims);

    public static TensorProto Create(string name, byte[] values, params long[] dims) => Raw(name, values, DataType.Uint8, dims);

    public static TensorProto Create(string name, ushort[] values, params long[] dims) => Raw(name, values, DataType.Uint16, dims);

    public static TensorProto Create(string name, uint[] values, params long[] dims) => Raw(name, values, DataType.Uint32, dims);

    public static TensorProto Create(string name, ulong[] values, params long[] dims) => Raw(name, values, DataType.Uint64, dims);

    public static TensorProto Create(string name, bool[] values, params long[] dims)
    {
        var bytes = Array.ConvertAll(values, value => value ? (byte)1 : (byte)0);
        return Raw(name, bytes, DataType.Bool, dims);
    }

    public static TensorProto Create(string name, string[] values, params long[] dims)
    {
        var tensor = Header(name, DataType.String, values.Length, dims);
        tensor.StringData.AddRange(values.Select(ByteString.CopyFromUtf8));
        return tensor;
    }

    /// <summary>A scalar (rank 0) float, e.g. a threshold for a comparison.</summary>
    public static TensorProto Scalar(string name, float value) => Create(name, [value]);

    /// <summary>A scalar (rank 0) 64-bit integer, e.g. an axis for an operator input.</summary>
    public static TensorProto Scalar(string name, long value) => Create(name, [value]);

    private static TensorProto Raw<T>(string name, T[] values, DataType dataType, long[] dims)
        where T : unmanaged
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian; this writer runs on little-endian machines only.");

        var tensor = Header(name, dataType, values.Length, dims);
        var bytes = MemoryMarshal.AsBytes(values.AsSpan()).ToArray();
        tensor.RawData = UnsafeByteOperations.UnsafeWrap(bytes);
        return tensor;
    }

    private static TensorProto Header(string name, DataType dataType, int length, long[] dims)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        long count = 1;
        foreach (var dim in dims)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dim, nameof(dims));
            count *= dim;
        }

        if (count != length)
            throw new ArgumentException($"Tensor '{name}' has {length} elements but its shape [{string.Join(", ", dims)}] holds {count}.", nameof(dims));

        var tensor = new TensorProto { Name = name, DataType = (int)dataType };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}
