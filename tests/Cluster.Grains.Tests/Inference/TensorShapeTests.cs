using Cluster.Grains.Repository;

namespace Cluster.Grains.Tests.Inference;

public sealed class TensorShapeTests
{
    [Fact]
    public void FormatWritesBracketedCommaSeparatedDimensions()
    {
        Assert.Equal("[2,30]", TensorShape.Format([2, 30]));
        Assert.Equal("[-1,4]", TensorShape.Format([-1, 4]));
        Assert.Equal("[]", TensorShape.Format([]));
    }

    [Fact]
    public void ElementCountMultipliesTheDimensions()
    {
        Assert.Equal(24, TensorShape.ElementCount([2, 3, 4]));
        Assert.Equal(1, TensorShape.ElementCount([]));
        Assert.Equal(0, TensorShape.ElementCount([0, long.MaxValue, long.MaxValue]));
    }

    [Fact]
    public void ElementCountIsNullForANegativeDimension() => Assert.Null(TensorShape.ElementCount([2, -1]));

    [Fact]
    public void ElementCountIsNullWhenTheCountPassesTheLimit()
    {
        Assert.Equal(100, TensorShape.ElementCount([10, 10], limit: 100));
        Assert.Null(TensorShape.ElementCount([10, 11], limit: 100));
        Assert.Null(TensorShape.ElementCount([1L << 32, 1L << 32]));
    }
}
