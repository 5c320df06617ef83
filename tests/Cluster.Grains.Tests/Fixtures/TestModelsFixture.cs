using System.Collections.Concurrent;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Cluster.Onnx;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>
/// Cluster.Onnx's test models (identity for every datatype, simple, mlp-fp32) in a temporary
/// repository, scanned once; hands out one runner per model, as a shard would hold it.
/// </summary>
public sealed class TestModelsFixture : IDisposable
{
    private readonly TempRepository _repository = new();
    private readonly OnnxSessionFactory _sessions = GrainServices.SessionFactory();
    private readonly ConcurrentDictionary<string, Lazy<OnnxModelRunner>> _runners = new();

    public TestModelsFixture()
    {
        try
        {
            TestModels.WriteAll(_repository.Root);
            Snapshot = GrainServices.Scan(_repository.Root);
        }
        catch
        {
            _repository.Dispose();
            throw;
        }
    }

    public RepositorySnapshot Snapshot { get; }

    public string Root => _repository.Root;

    public ModelVersionDescriptor Version(string model) =>
        Snapshot.Find(model)?.LatestReady ?? throw new InvalidOperationException($"model '{model}' is not ready.");

    public OnnxModelRunner Runner(string model) =>
        _runners.GetOrAdd(model, name => new Lazy<OnnxModelRunner>(() =>
        {
            var version = Version(name);
            Assert.True(DeviceSpec.TryParse(version.Device, out var device));
            return new OnnxModelRunner(version, _sessions.Load(Path.Combine(Root, version.ArtifactPath), device));
        })).Value;

    public void Dispose()
    {
        foreach (var runner in _runners.Values.Where(r => r.IsValueCreated)) runner.Value.Dispose();
        _repository.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TestModelsCollection : ICollectionFixture<TestModelsFixture>
{
    public const string Name = "test models";
}
