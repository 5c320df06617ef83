using Cluster.Gateway.Hosting;
using Cluster.Silo.Hosting;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Inference;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>One real gateway host on its own loopback ports, joined to the test cluster.</summary>
public sealed class GatewayHost : IAsyncDisposable
{
    private WebApplication? _app;

    private GatewayHost(int[] ports, Func<HttpMessageHandler>? tlsHandler)
    {
        (HttpPort, GrpcPort, MetricsPort) = (ports[0], ports[1], ports[2]);
        var scheme = tlsHandler is null ? "http" : "https";
        Channel = GrpcChannel.ForAddress($"{scheme}://127.0.0.1:{GrpcPort}", new GrpcChannelOptions
        {
            MaxSendMessageSize = null,
            MaxReceiveMessageSize = null,
            HttpHandler = tlsHandler?.Invoke(),
            DisposeHttpClient = true,
        });
        Http = new HttpClient(tlsHandler?.Invoke() ?? new SocketsHttpHandler())
        {
            BaseAddress = new Uri($"{scheme}://127.0.0.1:{HttpPort}"),
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public int HttpPort { get; }
    public int GrpcPort { get; }
    public int MetricsPort { get; }
    public GrpcChannel Channel { get; }
    public HttpClient Http { get; }

    /// <summary>The gateway's services (its Orleans client among them), for tests that must reach a grain directly.</summary>
    public IServiceProvider Services => _app!.Services;

    public static Task<GatewayHost> StartAsync(IDictionary<string, string?> settings, Action<ILoggingBuilder> logging, TimeProvider? clock = null) =>
        StartAsync(settings, logging, clock, coHostSilo: false);

    /// <summary>A gateway serving TLS (<paramref name="settings"/> carry <c>Gateway:Tls:*</c>); its clients connect through <paramref name="tlsHandler"/>.</summary>
    public static Task<GatewayHost> StartTlsAsync(IDictionary<string, string?> settings, Action<ILoggingBuilder> logging, TimeProvider clock, Func<HttpMessageHandler> tlsHandler) =>
        StartAsync(settings, logging, clock, coHostSilo: false, tlsHandler);

    /// <summary>
    /// A silo that co-hosts the gateway role (<c>Silo:HostGateway</c>, as silo/Cluster.Silo builds
    /// it): <paramref name="settings"/> carry the silo's and the gateway's configuration.
    /// </summary>
    public static Task<GatewayHost> StartSiloWithGatewayAsync(IDictionary<string, string?> settings, Action<ILoggingBuilder> logging, TimeProvider? clock = null) =>
        StartAsync(settings, logging, clock, coHostSilo: true);

    private static async Task<GatewayHost> StartAsync(
        IDictionary<string, string?> settings, Action<ILoggingBuilder> logging, TimeProvider? clock, bool coHostSilo, Func<HttpMessageHandler>? tlsHandler = null)
    {
        var host = new GatewayHost(FreePorts.Take(3), tlsHandler);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ContentRootPath = Path.GetTempPath(),
            ApplicationName = typeof(GatewayOptions).Assembly.GetName().Name,
        });
        // Loopback and plain text unless a test configures TLS (Gateway:Plaintext=false and Gateway:Tls:*).
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:Plaintext"] = "true" })
            .AddInMemoryCollection(settings).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:HttpPort"] = host.HttpPort.ToString(),
            ["Gateway:GrpcPort"] = host.GrpcPort.ToString(),
            ["Gateway:MetricsPort"] = host.MetricsPort.ToString(),
        });
        logging(builder.Logging);
        if (clock is not null) builder.Services.AddSingleton(clock);
        if (coHostSilo)
        {
            builder.AddClusterSilo();
            builder.AddGatewayRole();
        }
        else
        {
            builder.AddClusterGateway();
        }
        host._app = builder.Build();
        host._app.MapClusterGateway();
        await host._app.StartAsync();
        await host.WaitUntilReady();
        return host;
    }

    public GRPCInferenceService.GRPCInferenceServiceClient ClientFor(string key) =>
        new(Channel.Intercept(m => { m.Add("authorization", $"Bearer {key}"); return m; }));

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
        throw new TimeoutException("the gateway did not become ready within 90 s.");
    }

    /// <summary>Stops the gateway gracefully (in-flight calls complete and reach their clients), then the clients.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
        Channel.Dispose();
        Http.Dispose();
    }
}
