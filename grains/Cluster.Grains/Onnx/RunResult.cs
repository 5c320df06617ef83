using Cluster.Grains.Inference;

namespace Cluster.Grains.Onnx;

/// <summary>
/// The outputs of one Run and where its compute time went. <see cref="Buffers"/>, when set, owns
/// the pooled memory the outputs lie in: whoever takes the result releases the run's claim once
/// each consumer holds its own (<see cref="PooledOutputs"/>); left unreleased, the GC takes it.
/// </summary>
public sealed record class RunResult(InferenceTensor[] Outputs, InferenceTimings Timings)
{
    internal PooledOutputs? Buffers { get; init; }
}
