using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Onnx;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Grains.Tests.Onnx;

public sealed class OnnxErrorTextTests
{
    /// <summary>INDICES INT64 [1] -> Gather from a 4-row table: an out-of-range index fails inside ONNX Runtime, which quotes it.</summary>
    private static byte[] GatherModel() =>
        new OnnxGraphBuilder("gather")
            .Input("INDICES", DataType.Int64, 1)
            .Initializer("TABLE", [1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f], 4, 2)
            .Node("Gather", ["TABLE", "INDICES"], ["OUTPUT0"])
            .Output("OUTPUT0", DataType.Float, 1, 2)
            .Build()
            .ToByteArray();

    [Fact]
    public void AFailedRunIsDescribedByCodeNodeAndShapesWithoutTheInputValue()
    {
        using var session = new InferenceSession(GatherModel());
        using var input = OrtValue.CreateTensorValueFromMemory(new long[] { 987654 }, [1]);
        var ex = Assert.Throws<OnnxRuntimeException>(() =>
        {
            using var outputs = session.Run(new RunOptions(), ["INDICES"], [input], ["OUTPUT0"]);
        });
        Assert.Contains("987654", ex.Message); // ONNX Runtime's own text quotes the value ...

        var text = OnnxErrorText.Describe(ex, [new InferenceTensor("INDICES", DataTypes.Int64, [1], new byte[8])]);

        Assert.DoesNotContain("987654", text); // ... the description does not.
        Assert.Contains("(Gather)", text);
        Assert.Contains("INDICES [1]", text);
        Assert.StartsWith("ONNX Runtime failed in node '", text);
    }
}
