using Cluster.Protocol;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.Grains.Tests.Protocol;

public sealed class TensorDataTypeTests
{
    public static TheoryData<string> Names { get; } = [.. TensorDataType.All.Select(t => t.Name)];

    [Theory]
    [InlineData("BOOL", TensorElementType.Bool)]
    [InlineData("UINT8", TensorElementType.UInt8)]
    [InlineData("UINT16", TensorElementType.UInt16)]
    [InlineData("UINT32", TensorElementType.UInt32)]
    [InlineData("UINT64", TensorElementType.UInt64)]
    [InlineData("INT8", TensorElementType.Int8)]
    [InlineData("INT16", TensorElementType.Int16)]
    [InlineData("INT32", TensorElementType.Int32)]
    [InlineData("INT64", TensorElementType.Int64)]
    [InlineData("FP16", TensorElementType.Float16)]
    [InlineData("FP32", TensorElementType.Float)]
    [InlineData("FP64", TensorElementType.Double)]
    [InlineData("BF16", TensorElementType.BFloat16)]
    [InlineData("BYTES", TensorElementType.String)]
    public void TheTablesOnnxNumberIsOnnxRuntimesElementType(string name, TensorElementType expected) =>
        Assert.Equal((int)expected, TensorDataType.FromName(name)!.OnnxElementType);

    [Theory]
    [MemberData(nameof(Names))]
    public void EachDatatypeIsFoundByEveryNameItHas(string name)
    {
        var type = TensorDataType.FromName(name)!;

        Assert.Same(type, TensorDataType.FromConfigName(type.ConfigName));
        Assert.Same(type, TensorDataType.FromOnnx(type.OnnxElementType));
        Assert.Same(type, TensorDataType.FromName(name.ToLowerInvariant(), ignoreCase: true));
        Assert.Null(TensorDataType.FromName(name.ToLowerInvariant()));
    }

    [Fact]
    public void TheTableHoldsFourteenDatatypesWithDistinctNames()
    {
        Assert.Equal(14, TensorDataType.All.Select(t => t.Name).Distinct().Count());
        Assert.Equal(14, TensorDataType.All.Select(t => t.ConfigName).Distinct().Count());
        Assert.Equal(14, TensorDataType.All.Select(t => t.OnnxElementType).Distinct().Count());
    }

    [Theory]
    [InlineData(1.0f, (ushort)0x3F80)]
    [InlineData(-2.0f, (ushort)0xC000)]
    [InlineData(0.0f, (ushort)0x0000)]
    [InlineData(3.14159274f, (ushort)0x4049)] // 0x40490FDB rounds down
    [InlineData(1.00390625f, (ushort)0x3F80)] // 0x3F808000: a tie, to even (down)
    [InlineData(1.01171875f, (ushort)0x3F82)] // 0x3F818000: a tie, to even (up)
    [InlineData(float.PositiveInfinity, (ushort)0x7F80)]
    public void SinglesRoundToTheNearestEvenBFloat16(float value, ushort bits) => Assert.Equal(bits, BFloat16Bits.FromSingle(value));

    [Fact]
    public void NaNStaysNaNAndBFloat16WidensExactly()
    {
        Assert.True(float.IsNaN(BFloat16Bits.ToSingle(BFloat16Bits.FromSingle(float.NaN))));
        Assert.Equal(1.0f, BFloat16Bits.ToSingle(0x3F80));
        Assert.Equal(-2.0f, BFloat16Bits.ToSingle(0xC000));
    }
}
