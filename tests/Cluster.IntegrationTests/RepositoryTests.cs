using System.Net;
using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests;

[Collection(ClusterCollection.Name)]
public sealed class RepositoryTests(ClusterFixture cluster)
{
    [Fact]
    public async Task RepositoryIndexListsEveryModelWithItsState()
    {
        var index = await cluster.OperatorInference.RepositoryIndexAsync(new RepositoryIndexRequest());
        var byName = index.Models.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal("READY", Assert.Single(byName["breast-cancer-risk"]).State);
        Assert.Equal("READY", Assert.Single(byName["identity-bytes"]).State);
        Assert.Equal(["1", "2"], byName[TestRepository.TwoVersions].Select(m => m.Version).ToArray());
        foreach (var m in byName.Values.SelectMany(v => v).Where(m => m.State == "READY")) Assert.Equal("", m.Reason);
    }

    [Fact]
    public async Task ModelsThatFailToLoadAreUnavailableWithTheirReasonWhileTheRestServe()
    {
        var index = await cluster.OperatorInference.RepositoryIndexAsync(new RepositoryIndexRequest());
        var broken = index.Models.Single(m => m.Name == TestRepository.BrokenConfig);
        Assert.Equal("UNAVAILABLE", broken.State);
        Assert.Contains("config.json is not valid", broken.Reason);

        var mismatched = index.Models.Single(m => m.Name == TestRepository.MismatchedConfig);
        Assert.Equal("UNAVAILABLE", mismatched.State);
        Assert.Contains("config input 'INPUT0' is TYPE_INT32 but the ONNX model has TYPE_FP32", mismatched.Reason);

        var cuda = index.Models.Single(m => m.Name == TestRepository.RequiresCuda);
        Assert.Equal("UNAVAILABLE", cuda.State);
        Assert.Contains("requires CUDA device 0", cuda.Reason);

        var readyOnly = await cluster.OperatorInference.RepositoryIndexAsync(new RepositoryIndexRequest { Ready = true });
        Assert.DoesNotContain(readyOnly.Models, m => m.State != "READY");
        Assert.Contains(readyOnly.Models, m => m.Name == "breast-cancer-risk");
    }

    [Fact]
    public async Task InferOnAModelThatRequiresMissingCudaIsUnavailableWithTheReason()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            cluster.Client.ModelInferAsync(Requests.Raw(TestRepository.RequiresCuda, ("INPUT0", "FP32", [1, 4], new byte[16]))).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, ex.StatusCode);
        Assert.Contains("CUDA", ex.Status.Detail);
    }

    [Fact]
    public async Task ModelMetadataDescribesInputsAndOutputsWithTheBatchDimension()
    {
        var metadata = await cluster.Client.ModelMetadataAsync(new ModelMetadataRequest { Name = "breast-cancer-risk" });
        Assert.Equal("onnxruntime_onnx", metadata.Platform);
        Assert.Equal(["1"], metadata.Versions);
        var input = Assert.Single(metadata.Inputs);
        Assert.Equal(("features", "FP32"), (input.Name, input.Datatype));
        Assert.Equal([-1L, 30L], input.Shape);
        Assert.Contains(metadata.Outputs, o => o.Name.Contains("prob") && o.Datatype == "FP32");
    }

    [Fact]
    public async Task ModelConfigReturnsTritonsConfigForTheVersion()
    {
        var config = (await cluster.Client.ModelConfigAsync(new ModelConfigRequest { Name = "simple", Version = "1" })).Config;
        Assert.Equal("simple", config.Name);
        Assert.Equal("onnxruntime_onnx", config.Platform);
        Assert.Equal(8, config.MaxBatchSize);
        Assert.Equal(["INPUT0", "INPUT1"], config.Input.Select(i => i.Name).ToArray());
        Assert.All(config.Input, i => Assert.Equal(DataType.TypeInt32, i.DataType));
        Assert.Equal([16L], config.Input[0].Dims);
        Assert.Equal(ModelInstanceGroup.Types.Kind.Cpu, Assert.Single(config.InstanceGroup).Kind);
    }

    [Fact]
    public async Task ModelReadyAnswersPerVersion()
    {
        Assert.True((await cluster.Client.ModelReadyAsync(new ModelReadyRequest { Name = TestRepository.TwoVersions })).Ready);
        Assert.True((await cluster.Client.ModelReadyAsync(new ModelReadyRequest { Name = TestRepository.TwoVersions, Version = "1" })).Ready);
        Assert.False((await cluster.OperatorInference.ModelReadyAsync(new ModelReadyRequest { Name = TestRepository.MismatchedConfig, Version = "1" })).Ready);
        var ex = await Assert.ThrowsAsync<RpcException>(() =>
            cluster.Client.ModelReadyAsync(new ModelReadyRequest { Name = TestRepository.TwoVersions, Version = "3" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
    }

    [Fact]
    public async Task RequestsWithoutAVersionGoToTheNewestReadyVersion()
    {
        var response = await cluster.Client.ModelInferAsync(Requests.Raw(TestRepository.TwoVersions, ("INPUT0", "FP32", [1, 4], new byte[16])));
        Assert.Equal("2", response.ModelVersion);
        var pinned = Requests.Raw(TestRepository.TwoVersions, ("INPUT0", "FP32", [1, 4], new byte[16]));
        pinned.ModelVersion = "1";
        Assert.Equal("1", (await cluster.Client.ModelInferAsync(pinned)).ModelVersion);
    }

    [Fact]
    public async Task RestServesMetadataReadinessConfigAndIndex()
    {
        var metadata = await cluster.Http.GetStringAsync("/v2/models/breast-cancer-risk");
        Assert.Contains("\"shape\":[-1,30]", metadata);
        Assert.Equal(HttpStatusCode.OK, (await cluster.Http.GetAsync("/v2/models/breast-cancer-risk/versions/1/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cluster.Http.GetAsync("/v2/models/no-such-model/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cluster.Http.GetAsync($"/v2/models/{TestRepository.MismatchedConfig}/versions/1/ready")).StatusCode);
        Assert.Contains("\"max_batch_size\":64", await cluster.Http.GetStringAsync("/v2/models/breast-cancer-risk/config"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v2/repository/index");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", cluster.OperatorKey);
        using var index = await cluster.Http.SendAsync(request);
        Assert.Contains("\"state\":\"UNAVAILABLE\"", await index.Content.ReadAsStringAsync());
    }
}
