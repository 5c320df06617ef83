using Cluster.Grains.Inference;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.Grains.Onnx;

/// <summary>Maps KServe datatypes and Triton's TYPE_ names to ONNX tensor element types.</summary>
public static class OnnxTypes
{
    public static TensorElementType? ToElementType(string datatype) => datatype switch
    {
        DataTypes.Bool => TensorElementType.Bool,
        DataTypes.UInt8 => TensorElementType.UInt8,
        DataTypes.UInt16 => TensorElementType.UInt16,
        DataTypes.UInt32 => TensorElementType.UInt32,
        DataTypes.UInt64 => TensorElementType.UInt64,
        DataTypes.Int8 => TensorElementType.Int8,
        DataTypes.Int16 => TensorElementType.Int16,
        DataTypes.Int32 => TensorElementType.Int32,
        DataTypes.Int64 => TensorElementType.Int64,
        DataTypes.Fp16 => TensorElementType.Float16,
        DataTypes.Fp32 => TensorElementType.Float,
        DataTypes.Fp64 => TensorElementType.Double,
        DataTypes.Bytes => TensorElementType.String,
        _ => null,
    };

    public static string? ToDataType(TensorElementType type) => type switch
    {
        TensorElementType.Bool => DataTypes.Bool,
        TensorElementType.UInt8 => DataTypes.UInt8,
        TensorElementType.UInt16 => DataTypes.UInt16,
        TensorElementType.UInt32 => DataTypes.UInt32,
        TensorElementType.UInt64 => DataTypes.UInt64,
        TensorElementType.Int8 => DataTypes.Int8,
        TensorElementType.Int16 => DataTypes.Int16,
        TensorElementType.Int32 => DataTypes.Int32,
        TensorElementType.Int64 => DataTypes.Int64,
        TensorElementType.Float16 => DataTypes.Fp16,
        TensorElementType.Float => DataTypes.Fp32,
        TensorElementType.Double => DataTypes.Fp64,
        TensorElementType.String => DataTypes.Bytes,
        _ => null,
    };

    /// <summary>Triton's config name (<c>TYPE_FP32</c>, <c>TYPE_STRING</c>) to the KServe datatype.</summary>
    public static string? FromConfigName(string configName) => configName switch
    {
        "TYPE_STRING" => DataTypes.Bytes,
        _ when configName.StartsWith("TYPE_", StringComparison.Ordinal)
            && DataTypes.IsKnown(configName[5..]) && configName[5..] != DataTypes.Bytes => configName[5..],
        _ => null,
    };

    public static string ToConfigName(string datatype) => datatype == DataTypes.Bytes ? "TYPE_STRING" : "TYPE_" + datatype;
}
