using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Cluster.Gateway.Grpc;
using Cluster.Gateway.Serving;
using Google.Protobuf;
using Inference;

namespace Cluster.Gateway.Tests.Frontends;

public sealed class ProtoTensorReaderTests
{
    private static ModelInferRequest Request() => new()
    {
        ModelName = "risk",
        ModelVersion = "2",
        Id = "req-7",
        Inputs = { new ModelInferRequest.Types.InferInputTensor { Name = "x", Datatype = "FP32", Shape = { 1, 2 } } },
    };

    [Fact]
    public void RawInputsReachTheCallAsTheMessagesOwnBuffers()
    {
        var request = Request();
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[8]));

        var call = ProtoTensorReader.Read(request, "TREAT");

        Assert.Null(call.Unreadable);
        Assert.Equal(("risk", "2", "TREAT", "req-7"), (call.Model, call.Version, call.Purpose, call.Id));
        var input = Assert.Single(call.Inputs);
        Assert.Equal([1L, 2L], input.Shape);
        Assert.True(Unsafe.AreSame(
            ref MemoryMarshal.GetReference(input.Data.Span), ref MemoryMarshal.GetReference(request.RawInputContents[0].Span)));
    }

    [Fact]
    public void TypedContentsAreConvertedToLittleEndianBytes()
    {
        var request = Request();
        request.Inputs[0].Contents = new InferTensorContents { Fp32Contents = { 1.5f, -2f } };

        var call = ProtoTensorReader.Read(request, null);

        Assert.Equal([.. BitConverter.GetBytes(1.5f), .. BitConverter.GetBytes(-2f)], call.Inputs[0].Data.ToArray());
    }

    [Fact]
    public void AMessageWithRawAndTypedContentsIsACallCarryingItsRefusal()
    {
        var request = Request();
        request.Inputs[0].Contents = new InferTensorContents { Fp32Contents = { 1, 2 } };
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[8]));

        var call = ProtoTensorReader.Read(request, null);

        Assert.Equal(ServingCode.InvalidArgument, call.Unreadable?.Code);
        Assert.Contains("both raw_input_contents and typed contents", call.Unreadable!.Message);
        Assert.Equal(("risk", "req-7"), (call.Model, call.Id));
    }

    [Fact]
    public void TritonsQueueParametersAreRead()
    {
        var request = Request();
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[8]));
        request.Parameters["priority"] = new InferParameter { Int64Param = 2 };
        request.Parameters["timeout"] = new InferParameter { Uint64Param = 5000 };

        var call = ProtoTensorReader.Read(request, null);

        Assert.Equal((2, 5000L), (call.Priority, call.TimeoutMicroseconds));
        var shard = call.ToRequest("risk", 2, "clinic-1", 3);
        Assert.Equal((2, 5000L, "clinic-1", 3.0, 2L), (shard.Priority, shard.TimeoutMicroseconds, shard.TenantId, shard.Weight, shard.ModelVersion));
    }

    [Fact]
    public void ANegativePriorityIsRefusedNamingTheParameter()
    {
        var request = Request();
        request.RawInputContents.Add(ByteString.CopyFrom(new byte[8]));
        request.Parameters["priority"] = new InferParameter { Int64Param = -1 };

        var call = ProtoTensorReader.Read(request, null);

        Assert.Contains("'priority'", call.Unreadable!.Message);
    }
}
