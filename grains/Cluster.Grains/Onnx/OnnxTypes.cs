using Cluster.Protocol;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.Grains.Onnx;

/// <summary>
/// KServe datatypes and Triton's TYPE_ names to ONNX Runtime element types and back, read from the
/// one datatype table (<see cref="TensorDataType"/>: its ONNX numbers are ONNX Runtime's).
/// </summary>
public static class OnnxTypes
{
    public static TensorElementType? ToElementType(string datatype) =>
        TensorDataType.FromName(datatype) is { } type ? (TensorElementType)type.OnnxElementType : null;

    public static string? ToDataType(TensorElementType type) => TensorDataType.FromOnnx((int)type)?.Name;

    /// <summary>Triton's config name (<c>TYPE_FP32</c>, <c>TYPE_STRING</c>) to the KServe datatype.</summary>
    public static string? FromConfigName(string configName) => TensorDataType.FromConfigName(configName)?.Name;

    public static string ToConfigName(string datatype) => TensorDataType.FromName(datatype)?.ConfigName ?? "TYPE_" + datatype;
}
