using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;
using Cluster.Onnx;

namespace Cluster.Grains.Tests.Repository;

/// <summary>Version policies applied by a scan to models with versions 1, 2 and 3 on disk.</summary>
public sealed class VersionPolicyScanTests : IDisposable
{
    private readonly TempRepository _repository = new();

    public VersionPolicyScanTests()
    {
        Write("default", "");
        Write("latest-two", """, "version_policy": { "latest": { "num_versions": 2 } }""");
        Write("all", """, "version_policy": { "all": {} }""");
        Write("specific", """, "version_policy": { "specific": { "versions": [1, 3, 5] } }""");
    }

    private void Write(string name, string policy)
    {
        _repository.WriteConfig(name, $$"""{ "max_batch_size": 8, "instance_group": [ { "kind": "KIND_CPU" } ]{{policy}} }""");
        _repository.WriteModel(name, TestModels.BuildIdentity(TritonDataType.Fp32), 1, 2, 3);
    }

    public void Dispose() => _repository.Dispose();

    private static long[] Versions(ModelEntry model) => [.. model.Versions.Select(v => v.Version)];

    [Fact]
    public void EachPolicySelectsItsVersionsNewestFirst()
    {
        var snapshot = GrainServices.Scan(_repository.Root);

        Assert.Equal([3L], Versions(snapshot.Find("default")!));
        Assert.Equal([3L, 2L], Versions(snapshot.Find("latest-two")!));
        Assert.Equal([3L, 2L, 1L], Versions(snapshot.Find("all")!));
        Assert.All(snapshot.Models.Where(m => m.Name != "specific").SelectMany(m => m.Versions), v =>
        {
            Assert.True(v.IsReady, v.Reason);
            Assert.Equal(Path.Combine(v.Name, v.VersionText, "model.onnx"), v.ArtifactPath);
        });
    }

    [Fact]
    public void ASpecificVersionMissingOnDiskIsUnavailable()
    {
        var specific = GrainServices.Scan(_repository.Root).Find("specific")!;

        Assert.Equal([3L, 1L, 5L], Versions(specific));
        Assert.True(specific.Find(3)!.IsReady);
        Assert.True(specific.Find(1)!.IsReady);
        Assert.Equal("version 5 has no model.onnx.", specific.Find(5)!.Reason);
        Assert.Null(specific.Find(2));
        Assert.Equal(3, specific.LatestReady?.Version);
    }

    [Fact]
    public void LatestReadySkipsABrokenNewestVersion()
    {
        _repository.WriteModelBytes("all", OddModels.Garbage(), version: 3);

        var all = GrainServices.Scan(_repository.Root).Find("all")!;

        Assert.False(all.Find(3)!.IsReady);
        Assert.Equal(2, all.LatestReady?.Version);
    }

    [Fact]
    public void VersionFoldersThatAreNotPositiveIntegersAreIgnored()
    {
        _repository.CreateFolder("all", "0");
        _repository.CreateFolder("all", "v4");
        _repository.CreateFolder("all", "-5");

        Assert.Equal([3L, 2L, 1L], Versions(GrainServices.Scan(_repository.Root).Find("all")!));
    }
}
