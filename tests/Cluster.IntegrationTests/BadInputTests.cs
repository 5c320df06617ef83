using System.Net;
using System.Text;
using Cluster.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests;

/// <summary>
/// Each class of bad input gets INVALID_ARGUMENT (NOT_FOUND for unknown models and versions) with
/// a message naming the input and what was expected; never INTERNAL; the server keeps serving.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BadInputTests(ClusterFixture cluster)
{
    private static readonly byte[] OneRow = new byte[16];

    [Fact]
    public Task UnknownModelIsNotFound() =>
        AssertRejected(StatusCode.NotFound, "unknown model 'no-such-model'", Requests.Raw("no-such-model", ("INPUT0", "FP32", [1, 4], OneRow)));

    [Fact]
    public Task UnknownVersionIsNotFound()
    {
        var request = Requests.Fp32Identity();
        request.ModelVersion = "7";
        return AssertRejected(StatusCode.NotFound, "has no version '7'", request);
    }

    [Fact]
    public Task NonNumericVersionIsNotFound()
    {
        var request = Requests.Fp32Identity();
        request.ModelVersion = "latest";
        return AssertRejected(StatusCode.NotFound, "has no version 'latest'", request);
    }

    [Fact]
    public Task MissingInputIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "missing input 'INPUT1'", Requests.Raw("simple", ("INPUT0", "INT32", [1, 16], new byte[64])));

    [Fact]
    public Task ExtraInputIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "unexpected input 'EXTRA'",
            Requests.Raw("identity-fp32", ("INPUT0", "FP32", [1, 4], OneRow), ("EXTRA", "FP32", [1, 4], OneRow)));

    [Fact]
    public Task DuplicateInputIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' is given more than once",
            Requests.Raw("identity-fp32", ("INPUT0", "FP32", [1, 4], OneRow), ("INPUT0", "FP32", [1, 4], OneRow)));

    [Fact]
    public Task WrongDatatypeIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' has datatype INT32; model 'identity-fp32' expects FP32",
            Requests.Raw("identity-fp32", ("INPUT0", "INT32", [1, 4], OneRow)));

    [Fact]
    public Task UnknownDatatypeIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' has unknown datatype 'FLOAT32'",
            Requests.Raw("identity-fp32", ("INPUT0", "FLOAT32", [1, 4], OneRow)));

    [Fact]
    public Task WrongRankIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' has shape [4] of rank 1; expected rank 2 [-1,4]",
            Requests.Raw("identity-fp32", ("INPUT0", "FP32", [4], OneRow)));

    [Fact]
    public Task WrongNonBatchDimensionIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' has shape [1,5]; dimension 1 must be 4",
            Requests.Raw("identity-fp32", ("INPUT0", "FP32", [1, 5], new byte[20])));

    [Fact]
    public Task NegativeDimensionIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' has negative dimension -1 at index 0",
            Requests.Raw("identity-fp32", ("INPUT0", "FP32", [-1, 4], OneRow)));

    [Fact]
    public Task OverflowingDimensionsAreRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "is too large",
            Requests.Raw(TestRepository.Unbatched, ("INPUT0", "FP32", [long.MaxValue / 2, 4], OneRow)));

    [Fact]
    public async Task ModelWithoutBatchingTakesAnyLeadingDimension()
    {
        var response = await cluster.Client.ModelInferAsync(Requests.Raw(TestRepository.Unbatched, ("INPUT0", "FP32", [100, 4], new byte[1600])));
        Assert.Equal([100L, 4L], response.Outputs[0].Shape);
    }

    [Fact]
    public Task BatchOverMaxBatchSizeIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' has batch size 9, over model 'identity-fp32' max_batch_size 8",
            Requests.Raw("identity-fp32", ("INPUT0", "FP32", [9, 4], new byte[9 * 16])));

    [Fact]
    public Task ZeroBatchIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' has batch size 0",
            Requests.Raw("identity-fp32", ("INPUT0", "FP32", [0, 4], [])));

    [Fact]
    public Task RawSizeNotMatchingShapeIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' has 15 bytes of data; shape [1,4] of FP32 needs 16 bytes",
            Requests.Raw("identity-fp32", ("INPUT0", "FP32", [1, 4], new byte[15])));

    [Fact]
    public Task MalformedBytesTensorIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' BYTES data is malformed",
            Requests.Raw("identity-bytes", ("INPUT0", "BYTES", [1, 4], [9, 0, 0, 0, 1])));

    [Fact]
    public Task InvalidUtf8InBytesTensorIsRejected() =>
        AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' element 0 is not valid UTF-8",
            Requests.Raw("identity-bytes", ("INPUT0", "BYTES", [1, 4], [1, 0, 0, 0, 0xff, .. OrtReference.RawStrings(["a", "b", "c"])])));

    [Fact]
    public Task BothRawAndTypedContentsAreRejected()
    {
        var request = Requests.Fp32Identity();
        request.Inputs[0].Contents = new InferTensorContents { Fp32Contents = { 1, 2, 3, 4 } };
        return AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' has both raw_input_contents and typed contents", request);
    }

    [Fact]
    public Task TypedContentsOfTheWrongKindAreRejected()
    {
        var request = new ModelInferRequest { ModelName = "identity-fp32" };
        request.Inputs.Add(Requests.Input("INPUT0", "FP32", [1, 4], new InferTensorContents { IntContents = { 1, 2, 3, 4 } }));
        return AssertRejected(StatusCode.InvalidArgument, "FP32 data goes in fp32_contents", request);
    }

    [Fact]
    public Task TypedContentsOfTheWrongCountAreRejected()
    {
        var request = new ModelInferRequest { ModelName = "identity-fp32" };
        request.Inputs.Add(Requests.Input("INPUT0", "FP32", [1, 4], new InferTensorContents { Fp32Contents = { 1, 2, 3 } }));
        return AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' has 3 values in fp32_contents; shape [1,4] needs 4", request);
    }

    [Fact]
    public Task TypedValuesOutOfRangeForTheDatatypeAreRejected()
    {
        var request = new ModelInferRequest { ModelName = "identity-int8" };
        request.Inputs.Add(Requests.Input("INPUT0", "INT8", [1, 4], new InferTensorContents { IntContents = { 1, 2, 300, 4 } }));
        return AssertRejected(StatusCode.InvalidArgument, "input 'INPUT0' value at index 2 is out of range for INT8", request);
    }

    [Fact]
    public Task Fp16TypedContentsAreRejected()
    {
        var request = new ModelInferRequest { ModelName = "identity-fp16" };
        request.Inputs.Add(Requests.Input("INPUT0", "FP16", [1, 4], new InferTensorContents { Fp32Contents = { 1, 2, 3, 4 } }));
        return AssertRejected(StatusCode.InvalidArgument, "send FP16 data in raw_input_contents", request);
    }

    [Fact]
    public Task MoreRawBuffersThanInputsAreRejected()
    {
        var request = Requests.Fp32Identity();
        request.RawInputContents.Add(ByteString.CopyFrom(OneRow));
        return AssertRejected(StatusCode.InvalidArgument, "request has 2 raw_input_contents buffers but only 1 inputs", request);
    }

    [Fact]
    public Task UnknownRequestedOutputIsRejected()
    {
        var request = Requests.Fp32Identity();
        request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "OUTPUT9" });
        return AssertRejected(StatusCode.InvalidArgument, "unknown requested output 'OUTPUT9' for model 'identity-fp32'", request);
    }

    [Fact]
    public Task MessageOverTheConfiguredMaximumSizeIsRejected()
    {
        var rows = 8;
        var request = Requests.Raw("identity-bytes", ("INPUT0", "BYTES", [rows, 4],
            OrtReference.RawStrings(Enumerable.Repeat(new string('x', ClusterFixture.MaxRequestBytes / 16), rows * 4))));
        return AssertRejected(StatusCode.InvalidArgument, $"the gateway accepts at most {ClusterFixture.MaxRequestBytes} bytes", request);
    }

    [Fact]
    public async Task InvalidArgumentCarriesErrorInfoAndBadRequestDetails()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            cluster.Client.ModelInferAsync(Requests.Raw("identity-fp32", ("INPUT0", "FP32", [1, 4], new byte[3]))).ResponseAsync);
        var status = ex.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal("INVALID_TENSOR", status!.GetDetail<ErrorInfo>()!.Reason);
        Assert.Contains("INPUT0", status.GetDetail<BadRequest>()!.FieldViolations[0].Description);
    }

    [Fact]
    public async Task MalformedJsonOnRestIs400()
    {
        using var response = await cluster.Http.PostAsync("/v2/models/identity-fp32/infer", new StringContent("{\"inputs\": [", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not valid JSON", await response.Content.ReadAsStringAsync());
        await AssertStillServing();
    }

    [Theory]
    [InlineData("""{"inputs": [{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3]}]}""", "has 3 data values; shape [1,4] needs 4")]
    [InlineData("""{"inputs": [{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, "x", 4]}]}""", "value at index 2 is not a valid FP32")]
    [InlineData("""{"inputs": [{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32"}]}""", "input 'INPUT0' needs 'data'")]
    [InlineData("""{"inputs": {}}""", "needs an 'inputs' array")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{"id": "\ud800", "inputs": [{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}]}""", "'id' is not valid Unicode text")]
    [InlineData("""{"inputs": [{"name": "IN\udc00", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}]}""", "inputs[0]'s 'name' is not valid Unicode text")]
    [InlineData("""{"inputs": [{"name": "INPUT0", "shape": [1, 4], "datatype": "FP32", "data": [1, 2, 3, 4]}], "outputs": [{"name": "\ud800x"}]}""", "output's 'name' is not valid Unicode text")]
    public async Task RestBadBodiesAre400WithTheReason(string body, string expected)
    {
        using var response = await cluster.Http.PostAsync("/v2/models/identity-fp32/infer", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RestUnknownModelIs404()
    {
        using var response = await cluster.Http.PostAsync("/v2/models/no-such-model/infer", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task AssertRejected(StatusCode code, string message, ModelInferRequest request)
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => cluster.Client.ModelInferAsync(request).ResponseAsync);
        Assert.Equal(code, ex.StatusCode);
        Assert.Contains(message, ex.Status.Detail);
        await AssertStillServing();
    }

    private async Task AssertStillServing()
    {
        var response = await cluster.Client.ModelInferAsync(Requests.Fp32Identity(2));
        Assert.Equal([2L, 4L], response.Outputs[0].Shape);
    }
}
