using System.Globalization;
using Cluster.Onnx;
using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Training;

/// <summary>
/// The trained model as ONNX: features [batch, 30] -> Sub(mean) -> Div(scale) -> MatMul(W) ->
/// Add(b) -> Sigmoid -> malignancy_probability [batch, 1], and GreaterOrEqual(threshold) ->
/// malignant [batch, 1].
/// </summary>
public static class RiskModelOnnx
{
    public const string ModelName = "breast-cancer-risk";
    public const string InputName = "features";
    public const string ProbabilityOutput = "malignancy_probability";
    public const string MalignantOutput = "malignant";
    public const int MaxBatchSize = 64;

    public static ModelProto Build(TrainingResult result)
    {
        var model = result.Model;
        var features = model.FeatureCount;
        return new OnnxGraphBuilder(ModelName)
            .Doc("Logistic regression over the 30 FNA cytology features of the Wisconsin Diagnostic data set; "
                + "outputs P(malignant) and whether it reaches the decision threshold. Decision support only. See MODEL_CARD.md.")
            .Metadata("positive_class", "malignant")
            .Metadata("threshold", model.Threshold.ToString("R", CultureInfo.InvariantCulture))
            .Metadata("feature_order", string.Join(";", BreastCancerFeatures.Names))
            .Metadata("training_data", "UCI Breast Cancer Wisconsin (Diagnostic), Wolberg, Street and Mangasarian (1995), CC BY 4.0")
            .Metadata("split_seed", result.Settings.Seed.ToString(CultureInfo.InvariantCulture))
            .Input(InputName, DataType.Float, TestModels.BatchDim, features)
            .Initializer("mean", model.Mean, features)
            .Initializer("scale", model.Scale, features)
            .Initializer("weights", model.Weights, features, 1)
            .Initializer("bias", [model.Bias], 1)
            .Initializer(OnnxTensor.Scalar("threshold", model.Threshold))
            .Node("Sub", [InputName, "mean"], ["centered"])
            .Node("Div", ["centered", "scale"], ["standardized"])
            .Node("MatMul", ["standardized", "weights"], ["linear"])
            .Node("Add", ["linear", "bias"], ["logit"])
            .Node("Sigmoid", ["logit"], [ProbabilityOutput])
            .Node("GreaterOrEqual", [ProbabilityOutput, "threshold"], [MalignantOutput])
            .Output(ProbabilityOutput, DataType.Float, TestModels.BatchDim, 1)
            .Output(MalignantOutput, DataType.Bool, TestModels.BatchDim, 1)
            .Build();
    }

    public static ModelConfig Config(int featureCount) => new()
    {
        Name = ModelName,
        MaxBatchSize = MaxBatchSize,
        Inputs = [new(InputName, TritonDataType.Fp32, [featureCount])],
        Outputs = [new(ProbabilityOutput, TritonDataType.Fp32, [1]), new(MalignantOutput, TritonDataType.Bool, [1])],
        InstanceKind = InstanceKind.Auto,
        InstanceCount = 1,
    };
}
