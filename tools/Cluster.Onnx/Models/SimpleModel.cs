using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Onnx;

/// <summary>Triton's <c>simple</c> example: OUTPUT0 = INPUT0 + INPUT1, OUTPUT1 = INPUT0 - INPUT1, INT32 [batch, 16].</summary>
internal static class SimpleModel
{
    public const int Width = 16;
    public const int MaxBatchSize = 8;

    public static ModelConfig Config() => new()
    {
        Name = TestModels.Simple,
        MaxBatchSize = MaxBatchSize,
        Inputs = [new("INPUT0", TritonDataType.Int32, [Width]), new("INPUT1", TritonDataType.Int32, [Width])],
        Outputs = [new("OUTPUT0", TritonDataType.Int32, [Width]), new("OUTPUT1", TritonDataType.Int32, [Width])],
    };

    public static ModelProto Build() =>
        new OnnxGraphBuilder(TestModels.Simple)
            .Doc("Triton's simple example: element-wise sum and difference of two INT32 vectors.")
            .Input("INPUT0", DataType.Int32, TestModels.BatchDim, Width)
            .Input("INPUT1", DataType.Int32, TestModels.BatchDim, Width)
            .Node("Add", ["INPUT0", "INPUT1"], ["OUTPUT0"])
            .Node("Sub", ["INPUT0", "INPUT1"], ["OUTPUT1"])
            .Output("OUTPUT0", DataType.Int32, TestModels.BatchDim, Width)
            .Output("OUTPUT1", DataType.Int32, TestModels.BatchDim, Width)
            .Build();
}
