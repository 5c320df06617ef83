using Microsoft.ML.OnnxRuntime;
using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Onnx.Tests;

public sealed class OnnxGraphBuilderTests
{
    [Fact]
    public void BuildWritesIrVersionOpsetAndProducer()
    {
        var model = new OnnxGraphBuilder()
            .Input("x", DataType.Float, "batch", 2)
            .Node("Relu", ["x"], ["y"])
            .Output("y", DataType.Float, "batch", 2)
            .Build();

        Assert.Equal(8, model.IrVersion);
        var opset = Assert.Single(model.OpsetImport);
        Assert.Equal(string.Empty, opset.Domain);
        Assert.Equal(17, opset.Version);
        Assert.Equal(OnnxGraphBuilder.ProducerName, model.ProducerName);
        Assert.Equal("batch", model.Graph.Input[0].Type.TensorType.Shape.Dim[0].DimParam);
        Assert.Equal(2, model.Graph.Input[0].Type.TensorType.Shape.Dim[1].DimValue);
    }

    [Fact]
    public void UnknownDimensionsAndMetadataReachTheRuntime()
    {
        var bytes = new OnnxGraphBuilder()
            .Metadata("purpose", "test")
            .Input("x", DataType.Int64, -1, 3)
            .Initializer("offset", new long[] { 1, 2, 3 }, 3)
            .Node("Add", ["x", "offset"], ["y"])
            .Output("y", DataType.Int64, -1, 3)
            .ToBytes();

        using var session = new InferenceSession(bytes);
        Assert.Equal([-1, 3], session.InputMetadata["x"].Dimensions);
        Assert.Equal("test", session.ModelMetadata.CustomMetadataMap["purpose"]);
        using var input = Ort.Tensor(new long[] { 10, 20, 30 }, 1, 3);
        using var outputs = Ort.Run(session, new Dictionary<string, OrtValue> { ["x"] = input }, "y");
        Assert.Equal([11L, 22L, 33L], outputs[0].GetTensorDataAsSpan<long>().ToArray());
    }

    [Fact]
    public void BuildRejectsANodeThatReadsAnUndefinedValue()
    {
        var builder = new OnnxGraphBuilder()
            .Input("x", DataType.Float, 1)
            .Node("Add", ["x", "missing"], ["y"])
            .Output("y", DataType.Float, 1);

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildRejectsAnOutputNoNodeProduces()
    {
        var builder = new OnnxGraphBuilder()
            .Input("x", DataType.Float, 1)
            .Output("y", DataType.Float, 1);

        Assert.Throws<InvalidOperationException>(() => builder.Build());
    }

    [Fact]
    public void TensorShapeMustHoldEveryValue()
    {
        Assert.Throws<ArgumentException>(() => OnnxTensor.Create("w", new float[6], 2, 2));
        Assert.Empty(OnnxTensor.Scalar("t", 0.5f).Dims);
    }

    [Fact]
    public void AttributesCarryTheirTypeDiscriminator()
    {
        Assert.Equal(AttributeProto.Types.AttributeType.Int, OnnxAttribute.Int("axis", -1).Type);
        Assert.Equal(AttributeProto.Types.AttributeType.Floats, OnnxAttribute.Floats("scales", 1f, 2f).Type);
        Assert.Equal("bilinear", OnnxAttribute.String("mode", "bilinear").S.ToStringUtf8());
    }
}
