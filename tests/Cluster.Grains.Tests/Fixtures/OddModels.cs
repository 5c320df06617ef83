using Cluster.Onnx;
using Google.Protobuf;
using DataType = Cluster.Onnx.TensorProto.Types.DataType;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>ONNX models that break one rule a serving config relies on.</summary>
public static class OddModels
{
    /// <summary>INPUT0 FP32 [2,4] -> OUTPUT0: a first dimension that cannot batch.</summary>
    public static ModelProto FixedBatchIdentity() =>
        new OnnxGraphBuilder("fixed-batch")
            .Input("INPUT0", DataType.Float, 2, 4)
            .Node("Identity", ["INPUT0"], ["OUTPUT0"])
            .Output("OUTPUT0", DataType.Float, 2, 4)
            .Build();

    /// <summary>
    /// INPUT0 FP32 [batch,4] -> OUTPUT0, a sequence of tensors rather than a tensor. The writer's
    /// ONNX subset has no sequence type, so TypeProto.sequence_type (field 4) is written as an
    /// unknown field, which the protobuf runtime keeps.
    /// </summary>
    public static ModelProto SequenceOutput()
    {
        var model = new OnnxGraphBuilder("sequence")
            .Input("INPUT0", DataType.Float, "batch", 4)
            .Node("SequenceConstruct", ["INPUT0"], ["OUTPUT0"])
            .Output("OUTPUT0", DataType.Float, "batch", 4)
            .Build();
        var elementType = model.Graph.Output[0].Type.ToByteArray();
        var sequence = LengthDelimited(1, elementType);
        model.Graph.Output[0].Type = TypeProto.Parser.ParseFrom(LengthDelimited(4, sequence));
        return model;
    }

    private static byte[] LengthDelimited(int field, byte[] payload)
    {
        using var stream = new MemoryStream();
        using (var output = new CodedOutputStream(stream, leaveOpen: true))
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(payload));
        }
        return stream.ToArray();
    }

    /// <summary>Bytes that are no ONNX model, the same on every run.</summary>
    public static byte[] Garbage()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}
