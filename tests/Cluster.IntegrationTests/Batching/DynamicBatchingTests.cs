using System.Net;
using System.Net.Http.Json;
using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests.Batching;

/// <summary>
/// Dynamic batching on the real cluster (the test silo runs one execution per shard at a time):
/// concurrent calls share executions, and every caller still gets exactly what ONNX Runtime
/// computes for its own request.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class DynamicBatchingTests(ClusterFixture cluster)
{
    [Fact]
    public async Task ConcurrentCallsAreBatchedAndEachMatchesOnnxRuntimeOnItsOwnRequest()
    {
        const int Calls = 48;
        var before = await Stats(TestRepository.BatchingMlp);
        var inputs = Enumerable.Range(0, Calls)
            .Select(k => Enumerable.Range(0, (k % 3 + 1) * 8).SelectMany(i => BitConverter.GetBytes(MathF.Cos(k * 31 + i))).ToArray())
            .ToArray();

        var responses = await Task.WhenAll(inputs.Select(data =>
            cluster.Client.ModelInferAsync(Requests.Raw(TestRepository.BatchingMlp, ("x", "FP32", [data.Length / 32, 8], data))).ResponseAsync));

        var after = await Stats(TestRepository.BatchingMlp);
        for (var k = 0; k < Calls; k++)
        {
            var rows = inputs[k].Length / 32;
            var expected = OrtReference.Run(cluster.ModelPath(TestRepository.BatchingMlp), new OrtReference.Tensor("x", "FP32", [rows, 8], inputs[k]))["probabilities"];
            Assert.Equal([rows, 3L], responses[k].Outputs[0].Shape);
            var actual = responses[k].RawOutputContents[0].ToByteArray();
            Assert.Equal(expected.Raw.Length, actual.Length);
            for (var i = 0; i < actual.Length / 4; i++)
                Assert.Equal(BitConverter.ToSingle(expected.Raw, i * 4), BitConverter.ToSingle(actual, i * 4), 1e-6f);
        }
        var executions = (long)(after.ExecutionCount - before.ExecutionCount);
        Assert.Equal(Calls, (long)(after.InferenceStats.Success.Count - before.InferenceStats.Success.Count));
        Assert.Equal(inputs.Sum(d => d.Length / 32), (long)(after.InferenceCount - before.InferenceCount));
        Assert.InRange(executions, 1, Calls - 1);
        Assert.Contains(after.BatchStats, b => b.BatchSize > 3 && b.ComputeInfer.Count > Count(before, b.BatchSize));
        Assert.Equal(executions, (long)(after.BatchStats.Sum(b => (decimal)b.ComputeInfer.Count) - before.BatchStats.Sum(b => (decimal)b.ComputeInfer.Count)));
    }

    [Fact]
    public async Task BatchedCallsWithDifferentRequestedOutputsEachGetTheirOwn()
    {
        var calls = Enumerable.Range(0, 24).Select(async k =>
        {
            var a = Enumerable.Range(0, 16).Select(i => i * k).ToArray();
            var b = Enumerable.Range(0, 16).Select(i => k - i).ToArray();
            var request = Requests.Raw("simple", ("INPUT0", "INT32", [1, 16], Ints(a)), ("INPUT1", "INT32", [1, 16], Ints(b)));
            if (k % 3 == 1) request.Outputs.Add(new ModelInferRequest.Types.InferRequestedOutputTensor { Name = "OUTPUT1" });
            var response = await cluster.Client.ModelInferAsync(request);
            var sum = a.Zip(b, (x, y) => x + y).ToArray();
            var difference = a.Zip(b, (x, y) => x - y).ToArray();
            if (k % 3 == 1)
            {
                Assert.Equal(["OUTPUT1"], response.Outputs.Select(o => o.Name));
                Assert.Equal(Ints(difference), response.RawOutputContents[0].ToByteArray());
            }
            else
            {
                Assert.Equal(["OUTPUT0", "OUTPUT1"], response.Outputs.Select(o => o.Name));
                Assert.Equal(Ints(sum), response.RawOutputContents[0].ToByteArray());
                Assert.Equal(Ints(difference), response.RawOutputContents[1].ToByteArray());
            }
        });

        await Task.WhenAll(calls);
    }

    [Fact]
    public async Task ARequestThatCannotWaitItsTimeoutIsAnsweredDeadlineExceeded()
    {
        var request = Requests.Raw("mlp-fp32", ("x", "FP32", [1, 8], new byte[32]));
        request.Parameters["timeout"] = new InferParameter { Int64Param = 1 };

        await Expect.Refused(StatusCode.DeadlineExceeded, null, () => cluster.Client.ModelInferAsync(request).ResponseAsync,
            "waited in the queue longer than its timeout of 1 us");
    }

    [Fact]
    public async Task PriorityAndTimeoutParametersAreAcceptedInTritonsForms()
    {
        var request = Requests.Raw("mlp-fp32", ("x", "FP32", [1, 8], new byte[32]));
        request.Parameters["priority"] = new InferParameter { Uint64Param = 1 };
        request.Parameters["timeout"] = new InferParameter { Int64Param = 30_000_000 };

        var response = await cluster.Client.ModelInferAsync(request);

        Assert.Equal([1L, 3L], response.Outputs[0].Shape);
    }

    [Theory]
    [InlineData("priority", "string")]
    [InlineData("priority", "negative")]
    [InlineData("timeout", "double")]
    [InlineData("timeout", "negative")]
    public async Task MistypedPriorityOrTimeoutIsInvalidArgument(string name, string kind)
    {
        var request = Requests.Raw("mlp-fp32", ("x", "FP32", [1, 8], new byte[32]));
        request.Parameters[name] = kind switch
        {
            "string" => new InferParameter { StringParam = "high" },
            "double" => new InferParameter { DoubleParam = 1.5 },
            _ => new InferParameter { Int64Param = -5 },
        };

        await Expect.Refused(StatusCode.InvalidArgument, null, () => cluster.Client.ModelInferAsync(request).ResponseAsync,
            $"request parameter '{name}'");
    }

    [Theory]
    [InlineData("""{ "priority": "high" }""", "request parameter 'priority' must be a non-negative integer.")]
    [InlineData("""{ "timeout": -1 }""", "request parameter 'timeout' is -1; it must be 0 or more.")]
    [InlineData("""{ "timeout": 2.5 }""", "request parameter 'timeout' must be a non-negative integer.")]
    public async Task RestRefusesMistypedPriorityOrTimeout(string parameters, string message)
    {
        var body = $$"""{ "inputs": [ { "name": "x", "datatype": "FP32", "shape": [1, 8], "data": [0,0,0,0,0,0,0,0] } ], "parameters": {{parameters}} }""";

        using var response = await cluster.Http.PostAsync("/v2/models/mlp-fp32/infer", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RestAcceptsPriorityAndTimeout()
    {
        var body = """{ "inputs": [ { "name": "x", "datatype": "FP32", "shape": [1, 8], "data": [0,0,0,0,0,0,0,0] } ], "parameters": { "priority": 2, "timeout": 30000000 } }""";

        using var response = await cluster.Http.PostAsync("/v2/models/mlp-fp32/infer", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheSiloExportsABatchSizeHistogramAndAnExecutionCount()
    {
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => cluster.Client.ModelInferAsync(Requests.Raw("mlp-fp32", ("x", "FP32", [1, 8], new byte[32]))).ResponseAsync));

        using var stream = new MemoryStream();
        await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        Assert.Contains("cluster_shard_batch_size_bucket{model=\"mlp-fp32\",version=\"1\",le=\"1\"}", text);
        Assert.Contains("cluster_shard_executions_total{model=\"mlp-fp32\",version=\"1\"}", text);
    }

    private async Task<ModelStatistics> Stats(string model) =>
        Assert.Single((await cluster.OperatorInference.ModelStatisticsAsync(new ModelStatisticsRequest { Name = model, Version = "1" })).ModelStats);

    private static ulong Count(ModelStatistics stats, ulong batchSize) =>
        stats.BatchStats.FirstOrDefault(b => b.BatchSize == batchSize)?.ComputeInfer.Count ?? 0;

    private static byte[] Ints(int[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();
}
