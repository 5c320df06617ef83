using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Cluster.Grains.Tests.Onnx;

public sealed class OnnxTypesTests
{
    public static TheoryData<string> AllDataTypes { get; } = [.. DataTypes.All];

    [Theory]
    [MemberData(nameof(AllDataTypes))]
    public void EveryDatatypeMapsToAnElementTypeAndBack(string datatype)
    {
        var elementType = OnnxTypes.ToElementType(datatype);

        Assert.NotNull(elementType);
        Assert.Equal(datatype, OnnxTypes.ToDataType(elementType.Value));
    }

    [Theory]
    [MemberData(nameof(AllDataTypes))]
    public void EveryDatatypeMapsToAConfigNameAndBack(string datatype) =>
        Assert.Equal(datatype, OnnxTypes.FromConfigName(OnnxTypes.ToConfigName(datatype)));

    [Fact]
    public void BytesIsTypeStringInConfigAndStringInOnnx()
    {
        Assert.Equal("TYPE_STRING", OnnxTypes.ToConfigName(DataTypes.Bytes));
        Assert.Equal(TensorElementType.String, OnnxTypes.ToElementType(DataTypes.Bytes));
        Assert.Equal("TYPE_FP32", OnnxTypes.ToConfigName(DataTypes.Fp32));
    }

    [Theory]
    [InlineData("TYPE_BYTES")]
    [InlineData("TYPE_FLOAT")]
    [InlineData("FP32")]
    [InlineData("type_fp32")]
    [InlineData("TYPE_")]
    [InlineData("")]
    public void UnservedConfigNamesMapToNull(string configName) => Assert.Null(OnnxTypes.FromConfigName(configName));

    [Fact]
    public void ElementTypesTheProtocolLacksMapToNull()
    {
        Assert.Null(OnnxTypes.ToDataType((TensorElementType)14)); // complex64
        Assert.Null(OnnxTypes.ToElementType("COMPLEX64"));
    }

    [Fact]
    public void Bf16IsTypeBf16InConfigAndBFloat16InOnnx()
    {
        Assert.Equal("BF16", OnnxTypes.FromConfigName("TYPE_BF16"));
        Assert.Equal(TensorElementType.BFloat16, OnnxTypes.ToElementType(DataTypes.Bf16));
    }
}
