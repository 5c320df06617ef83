using System.Net.Http.Json;
using System.Text.Json;
using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests.CoHosting;

/// <summary>
/// A silo co-hosting the gateway role: many concurrent calls to a batching model, in rounds so the
/// pooled output buffers are reused, each answer must hold exactly its own request's rows. A buffer
/// given back to the pool before its response was written would show up here as another request's
/// values.
/// </summary>
public sealed class CoHostedGatewayTests(CoHostedClusterFixture cluster) : IClassFixture<CoHostedClusterFixture>
{
    private const int Calls = 48;
    private const int Rounds = 6;

    /// <summary>The grain call passes in memory here: the shard's spans still continue the gateway's trace.</summary>
    [Fact]
    public Task OneCallThroughTheCoHostedGatewayYieldsOneConnectedTrace() => Tracing.ConnectedTrace.AssertOneCallYieldsOneTreeAsync(cluster);

    [Fact]
    public async Task ConcurrentGrpcCallsThroughTheCoHostedGatewayEachGetTheirOwnRows()
    {
        for (var round = 0; round < Rounds; round++)
        {
            var calls = Enumerable.Range(0, Calls).Select(async i =>
            {
                var rows = 1 + i % 3;
                var values = Values(round, i, rows);
                var response = await cluster.Client.ModelInferAsync(Requests.Raw("identity-fp32", ("INPUT0", "FP32", [rows, 4], Bytes(values))));
                Assert.Equal([rows, 4L], response.Outputs[0].Shape);
                Assert.Equal(values, Floats(response.RawOutputContents[0].Span));
            });
            await Task.WhenAll(calls);
        }
    }

    [Fact]
    public async Task ConcurrentRestCallsThroughTheCoHostedGatewayEachGetTheirOwnRows()
    {
        for (var round = 0; round < 3; round++)
        {
            var calls = Enumerable.Range(0, Calls / 2).Select(async i =>
            {
                var values = Values(round, i, 1);
                var body = new { inputs = new[] { new { name = "INPUT0", datatype = "FP32", shape = new[] { 1, 4 }, data = values } } };
                using var response = await cluster.Http.PostAsJsonAsync("/v2/models/identity-fp32/infer", body);
                response.EnsureSuccessStatusCode();
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var data = json.RootElement.GetProperty("outputs")[0].GetProperty("data").EnumerateArray().Select(e => e.GetSingle()).ToArray();
                Assert.Equal(values, data);
            });
            await Task.WhenAll(calls);
        }
    }

    [Fact]
    public async Task AStreamThroughTheCoHostedGatewayAnswersEachRequestWithItsOwnRows()
    {
        using var stream = cluster.Client.ModelStreamInfer();
        var sent = new Dictionary<string, float[]>();
        for (var i = 0; i < Calls; i++)
        {
            var values = Values(7, i, 1);
            var request = Requests.Raw("identity-fp32", ("INPUT0", "FP32", [1, 4], Bytes(values)));
            request.Id = $"s{i}";
            sent[request.Id] = values;
            await stream.RequestStream.WriteAsync(request);
        }
        await stream.RequestStream.CompleteAsync();
        var answered = 0;
        await foreach (var message in stream.ResponseStream.ReadAllAsync())
        {
            Assert.Equal("", message.ErrorMessage);
            Assert.Equal(sent[message.InferResponse.Id], Floats(message.InferResponse.RawOutputContents[0].Span));
            answered++;
        }
        Assert.Equal(Calls, answered);
    }

    [Fact]
    public async Task BadInputThroughTheCoHostedGatewayIsRefusedAsInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            cluster.Client.ModelInferAsync(Requests.Raw("identity-fp32", ("INPUT0", "FP32", [1, 4], new byte[15]))).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    /// <summary>Values unique to a round, a call and a row, so any crossed buffer shows.</summary>
    private static float[] Values(int round, int call, int rows) =>
        [.. Enumerable.Range(0, rows * 4).Select(k => round * 100_000f + call * 100f + k)];

    private static byte[] Bytes(float[] values) => [.. values.SelectMany(BitConverter.GetBytes)];

    private static float[] Floats(ReadOnlySpan<byte> bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
