namespace Cluster.Protocol;

/// <summary>
/// The one datatype table. Each KServe v2 tensor datatype with its protocol name (<c>FP32</c>),
/// Triton's model-config name (<c>TYPE_FP32</c>), its ONNX element type (the TensorProto.DataType
/// number, which ONNX Runtime's TensorElementType shares) and the bytes of one element in the raw
/// little-endian layout (0 for BYTES, whose elements are each a 4-byte length and the bytes). The
/// server, the client, the tools and the ONNX backend look datatypes up here; none keeps a list.
/// </summary>
public sealed record class TensorDataType(string Name, string ConfigName, int OnnxElementType, int ElementSize)
{
    public static readonly TensorDataType Bool = new("BOOL", "TYPE_BOOL", 9, 1);
    public static readonly TensorDataType UInt8 = new("UINT8", "TYPE_UINT8", 2, 1);
    public static readonly TensorDataType UInt16 = new("UINT16", "TYPE_UINT16", 4, 2);
    public static readonly TensorDataType UInt32 = new("UINT32", "TYPE_UINT32", 12, 4);
    public static readonly TensorDataType UInt64 = new("UINT64", "TYPE_UINT64", 13, 8);
    public static readonly TensorDataType Int8 = new("INT8", "TYPE_INT8", 3, 1);
    public static readonly TensorDataType Int16 = new("INT16", "TYPE_INT16", 5, 2);
    public static readonly TensorDataType Int32 = new("INT32", "TYPE_INT32", 6, 4);
    public static readonly TensorDataType Int64 = new("INT64", "TYPE_INT64", 7, 8);
    public static readonly TensorDataType Fp16 = new("FP16", "TYPE_FP16", 10, 2);
    public static readonly TensorDataType Fp32 = new("FP32", "TYPE_FP32", 1, 4);
    public static readonly TensorDataType Fp64 = new("FP64", "TYPE_FP64", 11, 8);

    /// <summary>bfloat16: the upper half of an FP32 (8-bit exponent, 7-bit mantissa).</summary>
    public static readonly TensorDataType Bf16 = new("BF16", "TYPE_BF16", 16, 2);

    /// <summary>Variable-length byte strings (ONNX STRING); <see cref="ElementSize"/> is 0.</summary>
    public static readonly TensorDataType Bytes = new("BYTES", "TYPE_STRING", 8, 0);

    /// <summary>Every datatype served, in the KServe v2 order.</summary>
    public static IReadOnlyList<TensorDataType> All { get; } =
        [Bool, UInt8, UInt16, UInt32, UInt64, Int8, Int16, Int32, Int64, Fp16, Fp32, Fp64, Bf16, Bytes];

    /// <summary>Whether elements have no fixed size (BYTES).</summary>
    public bool IsVariableSize => ElementSize == 0;

    /// <summary>By protocol name; exact (the protocol's names are upper case), or ignoring case where a person typed it.</summary>
    public static TensorDataType? FromName(string? name, bool ignoreCase = false)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var type in All)
        {
            if (string.Equals(type.Name, name, comparison)) return type;
        }
        return null;
    }

    /// <summary>By Triton's config name (<c>TYPE_FP32</c>, <c>TYPE_STRING</c>).</summary>
    public static TensorDataType? FromConfigName(string? configName)
    {
        foreach (var type in All)
        {
            if (string.Equals(type.ConfigName, configName, StringComparison.Ordinal)) return type;
        }
        return null;
    }

    /// <summary>By ONNX element type number; null for types the protocol lacks (complex, FLOAT8, 4-bit).</summary>
    public static TensorDataType? FromOnnx(int onnxElementType)
    {
        foreach (var type in All)
        {
            if (type.OnnxElementType == onnxElementType) return type;
        }
        return null;
    }

    public override string ToString() => Name;
}
