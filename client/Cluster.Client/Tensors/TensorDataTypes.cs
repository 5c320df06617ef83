using Cluster.Protocol;

namespace Cluster.Client.Tensors;

/// <summary>
/// The KServe v2 tensor datatypes and the size of one element in the raw layout, from the one
/// datatype table the server also uses (<see cref="TensorDataType"/>).
/// </summary>
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
    public const string Bf16 = "BF16";
    public const string Bytes = "BYTES";

    /// <summary>Every datatype this client encodes and decodes, in the protocol's order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. TensorDataType.All.Select(t => t.Name)];

    /// <summary>The canonical (upper-case) name of <paramref name="name"/>, or null when it is not a datatype.</summary>
    public static string? Normalize(string name) => TensorDataType.FromName(name, ignoreCase: true)?.Name;

    /// <summary>Bytes per element; null for BYTES, whose elements are length-prefixed.</summary>
    public static int? ElementSize(string datatype) => TensorDataType.FromName(datatype) switch
    {
        null => throw new TensorFormatException($"unknown datatype '{datatype}'; expected one of {string.Join(", ", All)}"),
        { IsVariableSize: true } => null,
        var type => type.ElementSize,
    };
}
