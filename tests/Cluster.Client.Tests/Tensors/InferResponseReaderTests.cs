using Cluster.Client.Tensors;
using Google.Protobuf;
using Inference;

namespace Cluster.Client.Tests.Tensors;

public sealed class InferResponseReaderTests
{
    private static ModelInferResponse.Types.InferOutputTensor Output(string name, string datatype, params long[] shape)
    {
        var tensor = new ModelInferResponse.Types.InferOutputTensor { Name = name, Datatype = datatype };
        tensor.Shape.Add(shape);
        return tensor;
    }

    [Fact]
    public void ReadsRawOutputContentsInOrder()
    {
        var response = new ModelInferResponse
        {
            Outputs = { Output("malignancy_probability", "FP32", 1, 1), Output("malignant", "BOOL", 1, 1) },
            RawOutputContents = { ByteString.CopyFrom(BitConverter.GetBytes(0.75f)), ByteString.CopyFrom([1]) },
        };
        var outputs = InferResponseReader.ReadOutputs(response);
        Assert.Equal(new InferOutput("malignancy_probability", "FP32", [1, 1], [0.75f]).Name, outputs[0].Name);
        Assert.Equal([0.75f], outputs[0].Values);
        Assert.Equal([1L, 1L], outputs[0].Shape);
        Assert.Equal([true], outputs[1].Values);
    }

    [Fact]
    public void ReadsTypedContentsWhenThereAreNoRawContents()
    {
        var tensor = Output("y", "INT64", 2);
        tensor.Contents = new InferTensorContents { Int64Contents = { 3, 4 } };
        Assert.Equal([3L, 4L], InferResponseReader.ReadOutputs(new ModelInferResponse { Outputs = { tensor } })[0].Values);
    }

    [Fact]
    public void AMismatchNamesTheOutput()
    {
        var response = new ModelInferResponse { Outputs = { Output("y", "FP32", 1, 2) }, RawOutputContents = { ByteString.CopyFrom(new byte[4]) } };
        Assert.Equal("output 'y' has 4 bytes; 2 FP32 elements need 8", Assert.Throws<TensorFormatException>(() => InferResponseReader.ReadOutputs(response)).Message);
    }

    [Fact]
    public void RawContentsMustCoverEveryOutput()
    {
        var response = new ModelInferResponse { Outputs = { Output("a", "FP32", 1), Output("b", "FP32", 1) }, RawOutputContents = { ByteString.CopyFrom(new byte[4]) } };
        Assert.Equal("response has 2 outputs but 1 raw_output_contents", Assert.Throws<TensorFormatException>(() => InferResponseReader.ReadOutputs(response)).Message);
    }
}
