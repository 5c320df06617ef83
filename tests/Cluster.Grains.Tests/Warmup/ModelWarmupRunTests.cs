using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;
using Cluster.Grains.Tests.Fixtures;

namespace Cluster.Grains.Tests.Warmup;

/// <summary>Warm-up samples run on a real ONNX Runtime session before a shard serves.</summary>
[Collection(TestModelsCollection.Name)]
public sealed class ModelWarmupRunTests(TestModelsFixture models)
{
    [Fact]
    public void EverySampleRunsItsCountOfTimes()
    {
        WarmupSample[] samples =
        [
            new("zeros", 8, 3, [new WarmupInput("INPUT0", DataTypes.Fp32, [8, 4], Random: false)]),
            new("random", 1, 2, [new WarmupInput("INPUT0", DataTypes.Fp32, [1, 4], Random: true)]),
        ];

        var (runs, _) = ModelWarmup.Run(models.Runner("identity-fp32"), samples, TimeProvider.System);

        Assert.Equal(5, runs);
    }

    [Fact]
    public void ASampleTheModelRefusesMakesTheShardUnavailableNamingIt()
    {
        WarmupSample[] samples = [new("too-wide", 1, 1, [new WarmupInput("INPUT0", DataTypes.Fp32, [1, 5], Random: false)])];

        var error = Assert.Throws<ModelLoadException>(() => ModelWarmup.Run(models.Runner("identity-fp32"), samples, TimeProvider.System));

        Assert.StartsWith("warm-up sample 'too-wide' failed: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DataTypes.Int64)]
    [InlineData(DataTypes.Int8)]
    [InlineData(DataTypes.UInt16)]
    [InlineData(DataTypes.Fp32)]
    [InlineData(DataTypes.Fp16)]
    [InlineData(DataTypes.Bool)]
    [InlineData(DataTypes.Bytes)]
    public void RandomWarmupDataIsSmallAndValidForEveryIdentityModel(string datatype)
    {
        var model = "identity-" + datatype.ToLowerInvariant();
        WarmupSample sample = new("random", 2, 1, [new WarmupInput("INPUT0", datatype, [2, 4], Random: true)]);

        var tensor = Assert.Single(WarmupTensors.For(sample));
        var (runs, _) = ModelWarmup.Run(models.Runner(model), [sample], TimeProvider.System);

        Assert.Equal(1, runs);
        if (datatype is DataTypes.Int64 or DataTypes.Int8 or DataTypes.UInt16)
        {
            var size = DataTypes.ElementSize(datatype);
            for (var i = 0; i < 8; i++)
            {
                Assert.InRange(tensor.Data.Span[i * size], 0, WarmupTensors.IntegerRange - 1);
                Assert.All(tensor.Data.Span.Slice(i * size + 1, size - 1).ToArray(), b => Assert.Equal(0, b));
            }
        }
    }

    [Fact]
    public void ZeroWarmupDataIsAllZeros()
    {
        var tensor = Assert.Single(WarmupTensors.For(new("z", 4, 1, [new WarmupInput("INPUT0", DataTypes.Fp64, [4, 4], Random: false)])));

        Assert.Equal(4 * 4 * 8, tensor.Data.Length);
        Assert.All(tensor.Data.ToArray(), b => Assert.Equal(0, b));
    }
}
