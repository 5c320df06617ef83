using System.Text.Json.Nodes;
using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests;

[Collection(ClusterCollection.Name)]
public sealed class StatisticsAndMetricsTests(ClusterFixture cluster)
{
    [Fact]
    public async Task ModelStatisticsCountSuccessesFailuresAndBatchSizes()
    {
        var before = await Stats("mlp-fp32");
        for (var i = 0; i < 3; i++) await cluster.Client.ModelInferAsync(Mlp(rows: 2));
        await Assert.ThrowsAsync<RpcException>(() => cluster.Client.ModelInferAsync(Requests.Raw("mlp-fp32", ("x", "FP32", [1, 8], new byte[3]))).ResponseAsync);

        var after = await Stats("mlp-fp32");
        Assert.Equal(before.InferenceStats.Success.Count + 3, after.InferenceStats.Success.Count);
        Assert.Equal(before.InferenceCount + 6, after.InferenceCount);
        Assert.Equal(before.ExecutionCount + 3, after.ExecutionCount);
        Assert.True(after.InferenceStats.ComputeInfer.Ns > before.InferenceStats.ComputeInfer.Ns);
        Assert.True(after.LastInference > 0);
        Assert.Contains(after.BatchStats, b => b.BatchSize == 2 && b.ComputeInfer.Count >= 3);
    }

    [Fact]
    public async Task RestStatisticsMatchTritonsShape()
    {
        await cluster.Client.ModelInferAsync(Mlp(rows: 1));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/models/mlp-fp32/versions/1/stats");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", cluster.OperatorKey);
        using var http = await cluster.Http.SendAsync(request);
        var json = JsonNode.Parse(await http.Content.ReadAsStringAsync())!;
        var stats = Assert.Single(json["model_stats"]!.AsArray())!;
        Assert.Equal("mlp-fp32", (string?)stats["name"]);
        Assert.True((long)stats["inference_stats"]!["success"]!["count"]! >= 1);
    }

    [Fact]
    public async Task PrometheusCountsSuccessAndFailureByReasonPerModelAndVersion()
    {
        await cluster.Client.ModelInferAsync(Requests.Raw("simple", ("INPUT0", "INT32", [1, 16], new byte[64]), ("INPUT1", "INT32", [1, 16], new byte[64])));
        await Assert.ThrowsAsync<RpcException>(() => cluster.Client.ModelInferAsync(Requests.Raw("simple", ("INPUT0", "INT32", [1, 16], new byte[64]))).ResponseAsync);

        using var http = new HttpClient();
        var text = await http.GetStringAsync($"http://127.0.0.1:{cluster.MetricsPort}/metrics");
        Assert.Contains("nv_inference_request_success{model=\"simple\",version=\"1\"}", text);
        Assert.Contains("nv_inference_request_failure{model=\"simple\",version=\"1\",reason=\"INVALID_ARGUMENT\"}", text);
        foreach (var name in new[] { "nv_inference_count", "nv_inference_exec_count", "nv_inference_request_duration_us", "nv_inference_queue_duration_us",
                     "nv_inference_compute_input_duration_us", "nv_inference_compute_infer_duration_us", "nv_inference_compute_output_duration_us" })
            Assert.Contains(name + "{model=\"simple\",version=\"1\"}", text);
        Assert.Contains("cluster_inference_request_duration_seconds_bucket{model=\"simple\",version=\"1\"", text);
    }

    [Fact]
    public async Task WhatTheGatewayHasNotYetFlushedIsVisibleAndDrainsToZero()
    {
        for (var i = 0; i < 5; i++) await cluster.Client.ModelInferAsync(Requests.Fp32Identity());

        using var http = new HttpClient();
        // The gauges are the process's: gateways of other test collections running meanwhile add to
        // them until their own next write, so allow longer than one write (it returns at zero).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string text;
        do
        {
            await Task.Delay(200);
            text = await http.GetStringAsync($"http://127.0.0.1:{cluster.MetricsPort}/metrics");
        }
        while (!text.Contains("\ncluster_gateway_audit_records_buffered 0\n", StringComparison.Ordinal) && DateTime.UtcNow < deadline);

        Assert.Contains("\ncluster_gateway_audit_records_buffered 0\n", text);
        Assert.Contains("\ncluster_gateway_usage_batches_pending 0\n", text);
    }

    private async Task<ModelStatistics> Stats(string model) =>
        Assert.Single((await cluster.OperatorInference.ModelStatisticsAsync(new ModelStatisticsRequest { Name = model, Version = "1" })).ModelStats);

    private static ModelInferRequest Mlp(int rows) =>
        Requests.Raw("mlp-fp32", ("x", "FP32", [rows, 8], Enumerable.Range(0, rows * 8).SelectMany(i => BitConverter.GetBytes(i * 0.1f)).ToArray()));
}
