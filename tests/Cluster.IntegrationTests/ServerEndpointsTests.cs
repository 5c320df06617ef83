using Cluster.IntegrationTests.Infrastructure;
using Grpc.Health.V1;
using Inference;

namespace Cluster.IntegrationTests;

[Collection(ClusterCollection.Name)]
public sealed class ServerEndpointsTests(ClusterFixture cluster)
{
    [Fact]
    public async Task ServerIsLiveAndReadyOverGrpc()
    {
        Assert.True((await cluster.Client.ServerLiveAsync(new ServerLiveRequest())).Live);
        Assert.True((await cluster.Client.ServerReadyAsync(new ServerReadyRequest())).Ready);
    }

    [Fact]
    public async Task ServerMetadataNamesTheServerAndItsExtensions()
    {
        var metadata = await cluster.Client.ServerMetadataAsync(new ServerMetadataRequest());
        Assert.Equal("health-model-cluster", metadata.Name);
        Assert.False(string.IsNullOrEmpty(metadata.Version));
        Assert.Contains("model_configuration", metadata.Extensions);
        Assert.Contains("statistics", metadata.Extensions);
    }

    [Fact]
    public async Task GrpcHealthServiceReportsServing()
    {
        var health = new Health.HealthClient(cluster.Channel);
        var response = await health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Theory]
    [InlineData("/v2")]
    [InlineData("/v2/health/live")]
    [InlineData("/v2/health/ready")]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HttpHealthAndMetadataEndpointsAnswer200(string path)
    {
        using var response = await cluster.Http.GetAsync(path);
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task MetricsAreServedOnTheMetricsPortOnly()
    {
        using var metrics = new HttpClient();
        var text = await metrics.GetStringAsync($"http://127.0.0.1:{cluster.MetricsPort}/metrics");
        Assert.Contains("nv_inference_request_success", text);
        using var onHttpPort = await cluster.Http.GetAsync("/metrics");
        Assert.Equal(404, (int)onHttpPort.StatusCode);
    }

    [Fact]
    public async Task AHostHeaderNamingTheMetricsPortDoesNotOpenMetricsOnThePublicPort()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = $"127.0.0.1:{cluster.MetricsPort}";

        using var response = await cluster.Http.SendAsync(request);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task TheMetricsPortServesNothingButMetrics()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{cluster.MetricsPort}/v2/health/ready");
        request.Headers.Host = $"127.0.0.1:{cluster.HttpPort}";

        using var response = await http.SendAsync(request);

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task RestAnswersWhateverHostNameTheClientUsed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/health/live");
        request.Headers.Host = "models.hospital.example";

        using var response = await cluster.Http.SendAsync(request);

        Assert.Equal(200, (int)response.StatusCode);
    }
}
