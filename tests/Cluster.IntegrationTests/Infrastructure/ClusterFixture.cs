using Cluster.Gateway.Hosting;
using Cluster.Silo.Hosting;
using Grpc.Net.Client;
using Inference;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>
/// A real local cluster for the test run: one Orleans silo and the real gateway, each a full host
/// with its own ports on loopback, serving <see cref="TestRepository"/>. Tests talk to it only
/// through gRPC and HTTP, as a client would.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const int MaxRequestBytes = 1024 * 1024;

    private IHost? _silo;
    private WebApplication? _gateway;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "cluster-tests-" + Guid.NewGuid().ToString("N")[..8]);
    public string Repository => Path.Combine(Root, "models");
    public CapturingLoggerProvider Logs { get; } = new();
    public int HttpPort { get; private set; }
    public int GrpcPort { get; private set; }
    public int MetricsPort { get; private set; }
    public GrpcChannel Channel { get; private set; } = null!;
    public GRPCInferenceService.GRPCInferenceServiceClient Client { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        TestRepository.Create(Repository);
        var ports = FreePorts.Take(5);
        (HttpPort, GrpcPort, MetricsPort) = (ports[2], ports[3], ports[4]);
        var cluster = new Dictionary<string, string?>
        {
            ["Cluster:Provider"] = "Localhost",
            ["Cluster:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..6],
            ["Cluster:ServiceId"] = "model-serving-tests",
            ["Cluster:SiloPort"] = ports[0].ToString(),
            ["Cluster:GatewayPort"] = ports[1].ToString(),
        };

        var siloBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = "Testing",
            ContentRootPath = Root,
            DisableDefaults = true,
        });
        siloBuilder.Configuration.AddInMemoryCollection(cluster).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ModelRepository:Root"] = Repository,
            ["Silo:MetricsPort"] = "0",
            ["OnnxRuntime:IntraOpThreads"] = "1",
        });
        ConfigureLogging(siloBuilder.Logging);
        siloBuilder.AddClusterSilo();
        _silo = siloBuilder.Build();
        await _silo.StartAsync();

        var gatewayBuilder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = Root,
            ApplicationName = typeof(GatewayOptions).Assembly.GetName().Name,
        });
        gatewayBuilder.Configuration.AddInMemoryCollection(cluster).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:HttpPort"] = HttpPort.ToString(),
            ["Gateway:GrpcPort"] = GrpcPort.ToString(),
            ["Gateway:MetricsPort"] = MetricsPort.ToString(),
            ["Gateway:MaxRequestBytes"] = MaxRequestBytes.ToString(),
        });
        ConfigureLogging(gatewayBuilder.Logging);
        gatewayBuilder.AddClusterGateway();
        _gateway = gatewayBuilder.Build();
        _gateway.MapClusterGateway();
        await _gateway.StartAsync();

        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{GrpcPort}", new GrpcChannelOptions { MaxSendMessageSize = null, MaxReceiveMessageSize = null });
        Client = new GRPCInferenceService.GRPCInferenceServiceClient(Channel);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(60) };
        await WaitUntilReady();
    }

    private void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Debug);
        logging.AddFilter("Orleans", LogLevel.Information);
        logging.AddFilter("Microsoft", LogLevel.Information);
        logging.AddProvider(Logs);
    }

    private async Task WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await Http.GetAsync("/v2/health/ready");
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(250);
        }
        throw new TimeoutException("the test cluster did not become ready within 90 s.");
    }

    public string ModelPath(string model, int version = 1) => Path.Combine(Repository, model, version.ToString(), "model.onnx");

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        Http?.Dispose();
        if (_gateway is not null) { await _gateway.StopAsync(); await _gateway.DisposeAsync(); }
        if (_silo is not null) { await _silo.StopAsync(); _silo.Dispose(); }
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { }
    }
}
