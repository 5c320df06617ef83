using Cluster.Grains.Inference;

namespace Cluster.Grains.Tests.Inference;

public sealed class DataTypesTests
{
    [Theory]
    [InlineData(DataTypes.Bool, 1)]
    [InlineData(DataTypes.UInt8, 1)]
    [InlineData(DataTypes.Int8, 1)]
    [InlineData(DataTypes.UInt16, 2)]
    [InlineData(DataTypes.Int16, 2)]
    [InlineData(DataTypes.Fp16, 2)]
    [InlineData(DataTypes.Bf16, 2)]
    [InlineData(DataTypes.UInt32, 4)]
    [InlineData(DataTypes.Int32, 4)]
    [InlineData(DataTypes.Fp32, 4)]
    [InlineData(DataTypes.UInt64, 8)]
    [InlineData(DataTypes.Int64, 8)]
    [InlineData(DataTypes.Fp64, 8)]
    [InlineData(DataTypes.Bytes, 0)]
    public void ElementSizeIsTheFixedWidthOrZeroForBytes(string datatype, int size)
    {
        Assert.Equal(size, DataTypes.ElementSize(datatype));
        Assert.True(DataTypes.IsKnown(datatype));
    }

    [Theory]
    [InlineData("BFLOAT16")]
    [InlineData("fp32")]
    [InlineData("STRING")]
    [InlineData("")]
    public void UnknownDatatypesHaveNoSize(string datatype)
    {
        Assert.Equal(-1, DataTypes.ElementSize(datatype));
        Assert.False(DataTypes.IsKnown(datatype));
    }

    [Fact]
    public void AllListsFourteenDistinctDatatypes() => Assert.Equal(14, DataTypes.All.Distinct().Count());
}
