using Inference;

namespace Cluster.PerfAnalyzer.Repository;

/// <summary>One model version found in the repository: its config.json and its ONNX file.</summary>
public sealed record ModelArtifact(string Name, string Version, string OnnxPath, ModelConfig Config);
