using Cluster.Protocol;

namespace Cluster.Grains.Inference;

/// <summary>
/// The KServe v2 datatype names the serving path switches on, and their element sizes, as the one
/// table (<see cref="TensorDataType"/>) defines them. BYTES has no fixed size: its raw form is
/// Triton's, each element a 4-byte little-endian length then the bytes.
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
    public const string Bf16 = "BF16";
    public const string Bytes = "BYTES";

    /// <summary>Every datatype, in the table's (KServe v2) order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. TensorDataType.All.Select(t => t.Name)];

    public static bool IsKnown(string datatype) => TensorDataType.FromName(datatype) is not null;

    /// <summary>Bytes per element; 0 for BYTES (variable); -1 for an unknown datatype.</summary>
    public static int ElementSize(string datatype) => TensorDataType.FromName(datatype)?.ElementSize ?? -1;
}
