using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Inference;

/// <summary>
/// Runs requests for one model version on one device: the backend behind a shard. Thread-safe;
/// blocking, so call it off the Orleans scheduler. <see cref="OnnxModelRunner"/> runs an ONNX model;
/// other backends (pipelines) implement the same contract.
/// </summary>
public interface IModelRunner : IDisposable
{
    ModelVersionDescriptor Model { get; }

    /// <summary><c>cpu</c> or <c>cuda:N</c>.</summary>
    string Device { get; }

    RunResult Run(InferenceRequest request);
}
