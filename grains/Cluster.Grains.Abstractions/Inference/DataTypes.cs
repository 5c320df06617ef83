namespace Cluster.Grains.Inference;

/// <summary>
/// The KServe v2 datatypes this product serves and their fixed element sizes. BYTES has no fixed
/// size: its raw form is Triton's, each element a 4-byte little-endian length then the bytes.
/// </summary>
public static class DataTypes
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

    /// <summary>Every datatype, in Triton's order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Bool, UInt8, UInt16, UInt32, UInt64, Int8, Int16, Int32, Int64, Fp16, Fp32, Fp64, Bytes];

    public static bool IsKnown(string datatype) => ElementSize(datatype) >= 0;

    /// <summary>Bytes per element; 0 for BYTES (variable); -1 for an unknown datatype.</summary>
    public static int ElementSize(string datatype) => datatype switch
    {
        Bool or UInt8 or Int8 => 1,
        UInt16 or Int16 or Fp16 => 2,
        UInt32 or Int32 or Fp32 => 4,
        UInt64 or Int64 or Fp64 => 8,
        Bytes => 0,
        _ => -1,
    };
}
