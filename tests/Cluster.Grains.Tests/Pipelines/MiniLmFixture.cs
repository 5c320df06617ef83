using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Pipelines;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Pipelines;

/// <summary>
/// The shipped repository scanned once (minilm-l6-v2 extracted first), with one runner each for
/// clinical-text-embedder and the raw minilm-l6-v2, as shards would hold them.
/// </summary>
public sealed class MiniLmFixture : IDisposable
{
    public const string Embedder = "clinical-text-embedder";
    public const string Encoder = "minilm-l6-v2";

    private readonly Lazy<IModelRunner> _embedder;
    private readonly Lazy<OnnxModelRunner> _encoder;

    public MiniLmFixture()
    {
        Root = ModelAssets.Repository;
        Snapshot = GrainServices.Scan(Root);
        var sessions = GrainServices.SessionFactory();
        _embedder = new(() => PipelineRunners.Create(Version(Embedder), Root, sessions));
        _encoder = new(() =>
        {
            var version = Version(Encoder);
            DeviceSpec.TryParse(version.Device, out var device);
            return new OnnxModelRunner(version, sessions.Load(Path.Combine(Root, version.ArtifactPath), device));
        });
    }

    public string Root { get; }
    public RepositorySnapshot Snapshot { get; }
    public IModelRunner EmbedderRunner => _embedder.Value;
    public OnnxModelRunner EncoderRunner => _encoder.Value;

    public ModelVersionDescriptor Version(string model)
    {
        var entry = Snapshot.Find(model) ?? throw new InvalidOperationException($"model '{model}' is not in the repository.");
        var version = entry.LatestReady;
        Assert.True(version is not null, $"model '{model}' is not ready: {entry.Reason}{string.Join("; ", entry.Versions.Select(v => v.Reason))}");
        return version!;
    }

    public void Dispose()
    {
        if (_embedder.IsValueCreated) _embedder.Value.Dispose();
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class MiniLmCollection : ICollectionFixture<MiniLmFixture>
{
    public const string Name = "minilm";
}
