using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Onnx;

/// <summary>
/// A tensor datatype as the KServe v2 protocol names it (<c>FP32</c>, <c>BYTES</c>), with its
/// Triton model-config name (<c>TYPE_FP32</c>, <c>TYPE_STRING</c>) and its ONNX element type.
/// </summary>
public sealed record TritonDataType(string Name, string ConfigName, DataType OnnxType, int ByteSize)
{
    public static readonly TritonDataType Bool = new("BOOL", "TYPE_BOOL", DataType.Bool, 1);
    public static readonly TritonDataType UInt8 = new("UINT8", "TYPE_UINT8", DataType.Uint8, 1);
    public static readonly TritonDataType UInt16 = new("UINT16", "TYPE_UINT16", DataType.Uint16, 2);
    public static readonly TritonDataType UInt32 = new("UINT32", "TYPE_UINT32", DataType.Uint32, 4);
    public static readonly TritonDataType UInt64 = new("UINT64", "TYPE_UINT64", DataType.Uint64, 8);
    public static readonly TritonDataType Int8 = new("INT8", "TYPE_INT8", DataType.Int8, 1);
    public static readonly TritonDataType Int16 = new("INT16", "TYPE_INT16", DataType.Int16, 2);
    public static readonly TritonDataType Int32 = new("INT32", "TYPE_INT32", DataType.Int32, 4);
    public static readonly TritonDataType Int64 = new("INT64", "TYPE_INT64", DataType.Int64, 8);
    public static readonly TritonDataType Fp16 = new("FP16", "TYPE_FP16", DataType.Float16, 2);
    public static readonly TritonDataType Fp32 = new("FP32", "TYPE_FP32", DataType.Float, 4);
    public static readonly TritonDataType Fp64 = new("FP64", "TYPE_FP64", DataType.Double, 8);

    /// <summary>Variable-length strings (ONNX STRING); <see cref="ByteSize"/> is 0.</summary>
    public static readonly TritonDataType Bytes = new("BYTES", "TYPE_STRING", DataType.String, 0);

    /// <summary>Every datatype the serving path supports, in the KServe v2 order.</summary>
    public static IReadOnlyList<TritonDataType> All { get; } =
        [Bool, UInt8, UInt16, UInt32, UInt64, Int8, Int16, Int32, Int64, Fp16, Fp32, Fp64, Bytes];

    /// <summary>Finds a datatype by its protocol name (<c>FP32</c>), case-insensitively.</summary>
    public static TritonDataType? FromName(string name) =>
        All.FirstOrDefault(type => string.Equals(type.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a datatype by its ONNX element type; null for types the protocol lacks (BFLOAT16, complex).</summary>
    public static TritonDataType? FromOnnx(DataType onnxType) => All.FirstOrDefault(type => type.OnnxType == onnxType);

    public override string ToString() => Name;
}
