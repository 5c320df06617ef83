using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Onnx;

/// <summary><c>mlp-fp32</c>: x [batch, 8] -> 8x16 + ReLU -> 16x3 -> Softmax -> probabilities [batch, 3].</summary>
internal static class MlpModel
{
    public const int Features = 8;
    public const int Hidden = 16;
    public const int Classes = 3;
    public const int MaxBatchSize = 32;

    public static ModelConfig Config() => new()
    {
        Name = TestModels.Mlp,
        MaxBatchSize = MaxBatchSize,
        Inputs = [new("x", TritonDataType.Fp32, [Features])],
        Outputs = [new("probabilities", TritonDataType.Fp32, [Classes])],
    };

    public static ModelProto Build()
    {
        var random = new Random(TestModels.WeightSeed);
        return new OnnxGraphBuilder(TestModels.Mlp)
            .Doc("A small classifier with seeded random weights: 8 features, one hidden ReLU layer of 16, softmax over 3 classes.")
            .Input("x", DataType.Float, TestModels.BatchDim, Features)
            .Initializer("w1", SeededWeights.He(random, Features, Hidden), Features, Hidden)
            .Initializer("b1", SeededWeights.Bias(random, Hidden), Hidden)
            .Initializer("w2", SeededWeights.He(random, Hidden, Classes), Hidden, Classes)
            .Initializer("b2", SeededWeights.Bias(random, Classes), Classes)
            .Node("MatMul", ["x", "w1"], ["h1_linear"])
            .Node("Add", ["h1_linear", "b1"], ["h1_biased"])
            .Node("Relu", ["h1_biased"], ["h1"])
            .Node("MatMul", ["h1", "w2"], ["logits_linear"])
            .Node("Add", ["logits_linear", "b2"], ["logits"])
            .Node("Softmax", ["logits"], ["probabilities"], OnnxAttribute.Int("axis", -1))
            .Output("probabilities", DataType.Float, TestModels.BatchDim, Classes)
            .Build();
    }
}
