using Cluster.Grains.Inference;

namespace Cluster.Grains.Onnx;

/// <summary>The outputs of one Run and where its compute time went.</summary>
public sealed record class RunResult(InferenceTensor[] Outputs, InferenceTimings Timings);
