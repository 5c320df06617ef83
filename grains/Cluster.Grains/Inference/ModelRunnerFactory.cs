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
            return PipelineRunners.Create(descriptor with { Device = device.ToString() }, repository.Value.LocalRoot, sessions);
        var path = Path.Combine(repository.Value.LocalRoot, descriptor.ArtifactPath);
        if (repository.Value.Source == ModelRepositorySource.AzureBlob) CheckDigest(descriptor, path);
        return new OnnxModelRunner(descriptor, sessions.Load(path, device, descriptor.Cuda, descriptor.Threads));
    }

    /// <summary>
    /// A blob-backed cache can be rewritten by the next mirroring after the scan accepted the
    /// version: the shard opens the artifact only if it still holds the scanned (registered) bytes.
    /// </summary>
    private static void CheckDigest(ModelVersionDescriptor descriptor, string path)
    {
        if (!File.Exists(path)) throw new ModelLoadException($"version {descriptor.VersionText} has no {Path.GetFileName(path)} in the repository cache.");
        var (sha, _) = ModelVersionLoader.Fingerprint(path);
        if (sha != descriptor.ArtifactSha256)
            throw new ModelLoadException(RegisteredDigests.MismatchReason(descriptor.Version, descriptor.ArtifactSha256, sha));
    }
}
