using Cluster.BenchHost.Ungoverned;
using Cluster.Gateway.Audit;
using Cluster.Gateway.Governance;
using Cluster.Gateway.Metering;
using Cluster.Gateway.Quota;
using Cluster.Gateway.Hosting;
using Cluster.Gateway.Security;
using Cluster.Silo.Hosting;
using Grpc.Net.Client;

namespace Cluster.BenchHost.Hosting;

/// <summary>
/// One gateway as <c>gateway/Cluster.Gateway</c> builds it, on its own free loopback ports. The
/// ungoverned one replaces exactly two services after <c>AddClusterGateway()</c>: credential
/// resolution (<see cref="OpenCredentialResolver"/>) and inference access (<see cref="UngovernedAccess"/>);
/// everything else on the path (interceptors, data plane, routing, metrics) is the same code.
/// </summary>
public sealed class GatewayHost : IAsyncDisposable
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly WebApplication _app;

    private GatewayHost(string name, WebApplication app, int[] ports)
    {
        Name = name;
        _app = app;
        (HttpPort, GrpcPort, MetricsPort) = (ports[0], ports[1], ports[2]);
        Channel = GrpcChannel.ForAddress(GrpcEndpoint);
    }

    public string Name { get; }
    public int HttpPort { get; }
    public int GrpcPort { get; }
    public int MetricsPort { get; }
    public Uri GrpcEndpoint => new($"http://127.0.0.1:{GrpcPort}");

    /// <summary>A channel to this gateway's gRPC port, for bootstrap and checks (not for load).</summary>
    public GrpcChannel Channel { get; }

    public static async Task<GatewayHost> StartAsync(
        string name, GatewayMode mode, IDictionary<string, string?> settings, string contentRoot, CancellationToken cancellationToken,
        bool coHostSilo = false)
    {
        var ports = FreePorts.Take(3);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = contentRoot,
            ApplicationName = typeof(GatewayOptions).Assembly.GetName().Name,
        });
        // Loopback and plain text, as the bare server it is compared with.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Gateway:Plaintext"] = "true" })
            .AddInMemoryCollection(settings).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:HttpPort"] = ports[0].ToString(),
            ["Gateway:GrpcPort"] = ports[1].ToString(),
            ["Gateway:MetricsPort"] = ports[2].ToString(),
        });
        BenchLogging.Configure(builder.Logging, name);
        if (coHostSilo)
        {
            // The silo as silo/Cluster.Silo builds it with Silo:HostGateway: the role over the silo's own client.
            builder.AddClusterSilo();
            builder.AddGatewayRole();
        }
        else
        {
            builder.AddClusterGateway();
        }
        if (mode == GatewayMode.Open)
        {
            builder.Services.AddSingleton<ICredentialResolver, OpenCredentialResolver>();
            builder.Services.AddSingleton<IInferenceAccess, UngovernedAccess>();
        }
        if (mode != GatewayMode.Full)
        {
            builder.Services.AddSingleton<IAdmissionControl, NoAdmission>();
            builder.Services.AddSingleton<IUsageMeter, NoUsageMeter>();
            builder.Services.AddSingleton<IInferenceAuditor, NoAuditor>();
        }

        var app = builder.Build();
        app.MapClusterGateway();
        var host = new GatewayHost(name, app, ports);
        try
        {
            await app.StartAsync(cancellationToken);
            await host.WaitUntilReadyAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/v2/health/ready", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(250, cancellationToken);
        }
        throw new BenchSetupException($"gateway '{Name}' was not ready within {ReadyTimeout.TotalSeconds:0} s (http://127.0.0.1:{HttpPort}/v2/health/ready).");
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
