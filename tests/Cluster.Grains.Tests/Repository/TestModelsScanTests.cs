using Cluster.Grains.Tests.Fixtures;
using Cluster.Onnx;

namespace Cluster.Grains.Tests.Repository;

[Collection(TestModelsCollection.Name)]
public sealed class TestModelsScanTests(TestModelsFixture models)
{
    [Fact]
    public void EveryTestModelLoadsReadyOnCpu()
    {
        Assert.Equal(TestModels.Names.Order(StringComparer.Ordinal), models.Snapshot.Models.Select(m => m.Name));
        Assert.All(models.Snapshot.Models, m =>
        {
            var version = Assert.Single(m.Versions);
            Assert.True(version.IsReady, $"{m.Name}: {version.Reason}");
            Assert.Equal("cpu", version.LoadedDevice);
            Assert.Equal(64, version.ArtifactSha256.Length);
        });
    }
}
