using Cluster.Training;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.Onnx.Tests;

public sealed class RiskModelTrainingTests
{
    private static readonly DataSet s_data = CsvLoader.LoadBreastCancer(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"));
    private static readonly TrainingResult s_result = RiskModelTrainer.Train(s_data, new TrainingSettings());

    [Fact]
    public void LoaderMakesMalignantThePositiveClass()
    {
        Assert.Equal(569, s_data.Count);
        Assert.Equal(30, s_data.FeatureCount);
        Assert.Equal(212, s_data.PositiveCount);
        Assert.Equal(1, s_data.Labels[0]); // the first row's target is 0 = malignant
    }

    [Fact]
    public void SplitIsStratifiedAndDeterministic()
    {
        var (train, test) = StratifiedSplit.Split(s_data.Labels, 0.2, TrainingSettings.DefaultSeed);

        Assert.Equal(569, train.Length + test.Length);
        Assert.Empty(train.Intersect(test));
        Assert.Equal(42, test.Count(i => s_data.Labels[i] == 1));
        Assert.Equal(71, test.Count(i => s_data.Labels[i] == 0));
        Assert.Equal(test, StratifiedSplit.Split(s_data.Labels, 0.2, TrainingSettings.DefaultSeed).Test);
    }

    [Fact]
    public void TrainerReachesTargetAccuracyOnHeldOutSplit()
    {
        Assert.Equal(113, s_result.Test.Rows);
        Assert.Equal(456, s_result.Train.Rows);
        Assert.True(s_result.Test.Accuracy >= 0.93, $"held-out accuracy {s_result.Test.Accuracy}");
        Assert.True(s_result.Test.Auc >= 0.98, $"held-out AUC {s_result.Test.Auc}");
    }

    [Fact]
    public void ExportedModelMatchesTrainerPredictionsForEveryRow()
    {
        using var session = new InferenceSession(RiskModelOnnx.Build(s_result).ToByteArray());
        var features = s_data.Features.SelectMany(row => row.Select(value => (float)value)).ToArray();
        using var input = Ort.Tensor(features, s_data.Count, BreastCancerFeatures.Count);

        using var outputs = Ort.Run(session, new Dictionary<string, OrtValue> { [RiskModelOnnx.InputName] = input },
            RiskModelOnnx.ProbabilityOutput, RiskModelOnnx.MalignantOutput);

        Assert.Equal([s_data.Count, 1], outputs[0].GetTensorTypeAndShape().Shape);
        var probabilities = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        var malignant = outputs[1].GetTensorDataAsSpan<bool>().ToArray();
        for (var i = 0; i < s_data.Count; i++)
        {
            var expected = s_result.Model.PredictProbability(s_data.Features[i]);
            Assert.True(Math.Abs(expected - probabilities[i]) <= 1e-5, $"row {i}: C# {expected}, ONNX {probabilities[i]}");
            Assert.Equal(probabilities[i] >= s_result.Model.Threshold, malignant[i]);
        }
    }

    [Fact]
    public void ExportedModelDeclaresItsContract()
    {
        using var session = new InferenceSession(RiskModelOnnx.Build(s_result).ToByteArray());

        Assert.Equal([-1, 30], session.InputMetadata[RiskModelOnnx.InputName].Dimensions);
        Assert.Equal(TensorElementType.Float, session.OutputMetadata[RiskModelOnnx.ProbabilityOutput].ElementDataType);
        Assert.Equal(TensorElementType.Bool, session.OutputMetadata[RiskModelOnnx.MalignantOutput].ElementDataType);
        Assert.Equal([-1, 1], session.OutputMetadata[RiskModelOnnx.MalignantOutput].Dimensions);
        Assert.Equal("0.5", session.ModelMetadata.CustomMetadataMap["threshold"]);
    }

    [Fact]
    public void AucCountsTiesAsHalf()
    {
        Assert.Equal(0.75, BinaryMetrics.RocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]));
        Assert.Equal(0.5, BinaryMetrics.RocAuc([0.3, 0.3, 0.3, 0.3], [0, 1, 0, 1]));
        Assert.Equal(1.0, BinaryMetrics.RocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]));
    }

    [Fact]
    public void ConfusionMatrixGivesSensitivityAndSpecificity()
    {
        var metrics = BinaryMetrics.Compute([0.9, 0.2, 0.6, 0.4, 0.1], [1, 1, 0, 0, 0], threshold: 0.5);

        Assert.Equal((1, 1, 2, 1), (metrics.TruePositives, metrics.FalsePositives, metrics.TrueNegatives, metrics.FalseNegatives));
        Assert.Equal(0.5, metrics.Sensitivity);
        Assert.Equal(2.0 / 3, metrics.Specificity, 12);
        Assert.Equal(0.6, metrics.Accuracy, 12);
    }

    [Fact]
    public void ArtifactsLandInTheRepositoryLayout()
    {
        var root = Path.Combine(Path.GetTempPath(), "cluster-training-" + Guid.NewGuid().ToString("N"));
        try
        {
            var folder = Path.Combine(root, RiskModelOnnx.ModelName);
            ModelArtifacts.Write(folder, s_result);

            Assert.True(File.Exists(Path.Combine(folder, "1", ModelRepositoryWriter.ModelFileName)));
            Assert.Contains("\"kind\": \"KIND_AUTO\"", File.ReadAllText(Path.Combine(folder, ModelRepositoryWriter.ConfigFileName)), StringComparison.Ordinal);
            Assert.Contains("\"auc\":", File.ReadAllText(Path.Combine(folder, MetricsFile.FileName)), StringComparison.Ordinal);
            var card = File.ReadAllText(Path.Combine(folder, ModelCardWriter.FileName));
            Assert.Contains("CC BY 4.0", card, StringComparison.Ordinal);
            Assert.Contains("not a diagnosis", card, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
