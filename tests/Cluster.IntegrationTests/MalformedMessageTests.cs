using Cluster.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests;

/// <summary>Bytes that are not a valid protobuf message of the method's type get INVALID_ARGUMENT, never UNKNOWN.</summary>
[Collection(ClusterCollection.Name)]
public sealed class MalformedMessageTests(ClusterFixture cluster)
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private async Task<RpcException> Send(string method, byte[] payload)
    {
        var call = new Method<byte[], byte[]>(MethodType.Unary, "inference.GRPCInferenceService", method, Bytes, Bytes);
        var headers = new Metadata { { "authorization", $"Bearer {cluster.TenantKey}" } };
        return await Assert.ThrowsAsync<RpcException>(() => cluster.Channel.CreateCallInvoker().AsyncUnaryCall(call, null, new CallOptions(headers), payload).ResponseAsync);
    }

    [Fact]
    public async Task AStringFieldThatIsNotUtf8IsInvalidArgumentNamingTheMessage()
    {
        // model_name (field 1, length-delimited) holding 0xC3 0x28: not UTF-8.
        var error = await Send("ModelInfer", [0x0A, 0x02, 0xC3, 0x28]);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("not a valid ModelInferRequest message", error.Status.Detail);
        Assert.Equal("MALFORMED_MESSAGE", error.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0x00 })] // tag 0
    [InlineData(new byte[] { 0x0A, 0x10, 0x61 })] // length beyond the end
    [InlineData(new byte[] { 0x0F })] // wire type 7
    public async Task BytesThatAreNoMessageAreInvalidArgumentOnEveryMethod(byte[] payload)
    {
        foreach (var method in new[] { "ModelInfer", "ModelMetadata", "ModelReady", "ModelConfig" })
        {
            var error = await Send(method, payload);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        }
    }

    [Fact]
    public async Task AValidMessageStillWorksThroughTheSameBinding()
    {
        var request = Requests.Fp32Identity();

        var response = await cluster.Client.ModelInferAsync(request);

        Assert.Equal("identity-fp32", response.ModelName);
        _ = ByteString.Empty;
    }
}
