using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Onnx;

/// <summary>
/// <c>wide-mlp</c>: x [batch, width] -> layers x (MatMul width x width + Add + ReLU) -> y [batch, width].
/// At the default 4096 x 4 it holds 256 MiB of weights: a model that is worth a GPU.
/// </summary>
internal static class WideMlpModel
{
    public const int DefaultWidth = 4096;
    public const int DefaultLayers = 4;
    public const int MaxBatchSize = 16;

    public static ModelConfig Config(int width) => new()
    {
        Name = TestModels.WideMlp,
        MaxBatchSize = MaxBatchSize,
        Inputs = [new("x", TritonDataType.Fp32, [width])],
        Outputs = [new("y", TritonDataType.Fp32, [width])],
        InstanceKind = InstanceKind.Auto,
    };

    public static ModelProto Build(int width, int layers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);

        var random = new Random(TestModels.WeightSeed);
        var builder = new OnnxGraphBuilder(TestModels.WideMlp)
            .Doc($"A wide multilayer perceptron with seeded random weights: {layers} ReLU layers of {width} x {width}.")
            .Input("x", DataType.Float, TestModels.BatchDim, width);

        var previous = "x";
        for (var layer = 0; layer < layers; layer++)
        {
            var output = layer == layers - 1 ? "y" : $"h{layer}";
            builder
                .Initializer($"w{layer}", SeededWeights.He(random, width, width), width, width)
                .Initializer($"b{layer}", SeededWeights.Bias(random, width), width)
                .Node("MatMul", [previous, $"w{layer}"], [$"h{layer}_linear"])
                .Node("Add", [$"h{layer}_linear", $"b{layer}"], [$"h{layer}_biased"])
                .Node("Relu", [$"h{layer}_biased"], [output]);
            previous = output;
        }

        return builder.Output("y", DataType.Float, TestModels.BatchDim, width).Build();
    }
}
