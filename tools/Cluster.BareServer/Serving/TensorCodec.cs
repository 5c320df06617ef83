using Cluster.Protocol;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.BareServer.Serving;

/// <summary>The KServe v2 datatype names of ONNX Runtime's fixed-size element types (BYTES is not served), from the one datatype table.</summary>
public static class TensorCodec
{
    public static TensorElementType? ElementType(string datatype) =>
        TensorDataType.FromName(datatype) is { IsVariableSize: false } type ? (TensorElementType)type.OnnxElementType : null;

    public static string Datatype(TensorElementType type) => TensorDataType.FromOnnx((int)type) is { IsVariableSize: false } known
        ? known.Name
        : throw new NotSupportedException($"output element type {type} is not served.");

    public static int ElementSize(TensorElementType type) => TensorDataType.FromOnnx((int)type)?.ElementSize is > 0 and var size
        ? size
        : throw new NotSupportedException($"element type {type} has no fixed size.");
}
