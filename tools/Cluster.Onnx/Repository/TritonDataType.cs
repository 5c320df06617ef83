using Cluster.Protocol;
using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Onnx;

/// <summary>
/// A tensor datatype as the model writers here need it: the one datatype table's entry
/// (<see cref="TensorDataType"/>) with its ONNX element type as this library's generated enum.
/// </summary>
public sealed record TritonDataType(string Name, string ConfigName, DataType OnnxType, int ByteSize)
{
    private static TritonDataType From(TensorDataType type) => new(type.Name, type.ConfigName, (DataType)type.OnnxElementType, type.ElementSize);

    /// <summary>Every datatype the serving path supports, in the KServe v2 order.</summary>
    public static IReadOnlyList<TritonDataType> All { get; } = [.. TensorDataType.All.Select(From)];

    public static readonly TritonDataType Bool = FromName("BOOL")!;
    public static readonly TritonDataType UInt8 = FromName("UINT8")!;
    public static readonly TritonDataType UInt16 = FromName("UINT16")!;
    public static readonly TritonDataType UInt32 = FromName("UINT32")!;
    public static readonly TritonDataType UInt64 = FromName("UINT64")!;
    public static readonly TritonDataType Int8 = FromName("INT8")!;
    public static readonly TritonDataType Int16 = FromName("INT16")!;
    public static readonly TritonDataType Int32 = FromName("INT32")!;
    public static readonly TritonDataType Int64 = FromName("INT64")!;
    public static readonly TritonDataType Fp16 = FromName("FP16")!;
    public static readonly TritonDataType Fp32 = FromName("FP32")!;
    public static readonly TritonDataType Fp64 = FromName("FP64")!;
    public static readonly TritonDataType Bf16 = FromName("BF16")!;

    /// <summary>Variable-length strings (ONNX STRING); <see cref="ByteSize"/> is 0.</summary>
    public static readonly TritonDataType Bytes = FromName("BYTES")!;

    /// <summary>Finds a datatype by its protocol name (<c>FP32</c>), case-insensitively.</summary>
    public static TritonDataType? FromName(string name) =>
        All.FirstOrDefault(type => string.Equals(type.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a datatype by its ONNX element type; null for types the protocol lacks (complex, FLOAT8).</summary>
    public static TritonDataType? FromOnnx(DataType onnxType) => All.FirstOrDefault(type => type.OnnxType == onnxType);

    public override string ToString() => Name;
}
