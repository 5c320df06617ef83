using System.Security.Cryptography;
using Cluster.Onnx;
using Google.Protobuf;

namespace Cluster.Training;

/// <summary>
/// Writes a trained model into its repository folder: <c>1/model.onnx</c>, <c>config.json</c>,
/// <c>metrics.json</c> and <c>MODEL_CARD.md</c>.
/// </summary>
public static class ModelArtifacts
{
    public static void Write(string modelFolder, TrainingResult result)
    {
        var repositoryRoot = Path.GetDirectoryName(Path.GetFullPath(modelFolder))!;
        var config = RiskModelOnnx.Config(result.Model.FeatureCount) with { Name = Path.GetFileName(Path.GetFullPath(modelFolder)) };
        var onnx = RiskModelOnnx.Build(result);
        ModelRepositoryWriter.Write(repositoryRoot, config, onnx);

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(onnx.ToByteArray()));
        var metrics = MetricsFile.From(result);
        File.WriteAllText(Path.Combine(modelFolder, MetricsFile.FileName), metrics.ToJson() + "\n");
        File.WriteAllText(Path.Combine(modelFolder, ModelCardWriter.FileName), ModelCardWriter.Render(metrics, sha256));
    }
}
