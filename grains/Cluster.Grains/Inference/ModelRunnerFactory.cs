using Cluster.Grains.Onnx;
using Cluster.Grains.Pipelines;
using Cluster.Grains.Repository;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Inference;

/// <summary>
/// Creates the runner for a model version on this silo: an ONNX Runtime session on its device, or
/// for a pipeline model (<see cref="PipelineConfig"/>) the pipeline's runner.
/// </summary>
public sealed class ModelRunnerFactory(OnnxSessionFactory sessions, IOptions<ModelRepositoryOptions> repository)
{
    /// <summary>Loads the version on <paramref name="device"/> (the one its shard was allocated); throws <see cref="ModelLoadException"/> with the reason when it cannot.</summary>
    public IModelRunner Create(ModelVersionDescriptor descriptor, DeviceSpec device)
    {
        if (PipelineConfig.IsPipeline(descriptor))
            return PipelineRunners.Create(descriptor with { Device = device.ToString() }, repository.Value.Root, sessions);
        var path = Path.Combine(repository.Value.Root, descriptor.ArtifactPath);
        return new OnnxModelRunner(descriptor, sessions.Load(path, device, descriptor.Cuda));
    }
}
