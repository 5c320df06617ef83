using System.Security.Cryptography;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Repository;

public sealed class ShippedModelTests
{
    [Fact]
    public void TheShippedRepositoryLoadsBreastCancerRiskReady()
    {
        var snapshot = GrainServices.Scan(RepoPaths.Models);

        var version = Assert.Single(snapshot.Find("breast-cancer-risk")!.Versions);
        Assert.True(version.IsReady, version.Reason);
        Assert.Equal(Cuda.AutoDevice, version.LoadedDevice);
        var input = Assert.Single(version.Inputs);
        Assert.Equal(("features", DataTypes.Fp32, "[-1,30]"), (input.Name, input.DataType, input.ShapeText));
        Assert.Equal(
            [("malignancy_probability", DataTypes.Fp32, "[-1,1]"), ("malignant", DataTypes.Bool, "[-1,1]")],
            version.Outputs.Select(o => (o.Name, o.DataType, o.ShapeText)));
        var file = Path.Combine(RepoPaths.Models, version.ArtifactPath);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file))), version.ArtifactSha256);
    }
}
