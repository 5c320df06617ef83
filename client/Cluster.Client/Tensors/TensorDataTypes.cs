namespace Cluster.Client.Tensors;

/// <summary>The KServe v2 tensor datatypes and the size of one element in the raw layout.</summary>
public static class TensorDataTypes
{
    public const string Bool = "BOOL";
    public const string UInt8 = "UINT8";
    public const string UInt16 = "UINT16";
    public const string UInt32 = "UINT32";
    public const string UInt64 = "UINT64";
    public const string Int8 = "INT8";
    public const string Int16 = "INT16";
    public const string Int32 = "INT32";
    public const string Int64 = "INT64";
    public const string Fp16 = "FP16";
    public const string Fp32 = "FP32";
    public const string Fp64 = "FP64";
    public const string Bytes = "BYTES";

    /// <summary>Every datatype this client encodes and decodes, in the protocol's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Bool, UInt8, UInt16, UInt32, UInt64, Int8, Int16, Int32, Int64, Fp16, Fp32, Fp64, Bytes];

    /// <summary>The canonical (upper-case) name of <paramref name="name"/>, or null when it is not a datatype.</summary>
    public static string? Normalize(string name) =>
        All.FirstOrDefault(d => string.Equals(d, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Bytes per element; null for BYTES, whose elements are length-prefixed.</summary>
    public static int? ElementSize(string datatype) => datatype switch
    {
        Bool or UInt8 or Int8 => 1,
        UInt16 or Int16 or Fp16 => 2,
        UInt32 or Int32 or Fp32 => 4,
        UInt64 or Int64 or Fp64 => 8,
        Bytes => null,
        _ => throw new TensorFormatException($"unknown datatype '{datatype}'; expected one of {string.Join(", ", All)}"),
    };
}
