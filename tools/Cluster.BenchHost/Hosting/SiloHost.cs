using Cluster.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Cluster.BenchHost.Hosting;

/// <summary>The cluster's silo as <c>silo/Cluster.Silo</c> builds it, configured in memory on the bench host's ports and storage.</summary>
public static class SiloHost
{
    public static async Task<IHost> StartAsync(IDictionary<string, string?> cluster, string storage, string models, string contentRoot, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = contentRoot,
            DisableDefaults = true,
        });
        builder.Configuration.AddEnvironmentVariables().AddInMemoryCollection(cluster).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage,
            ["ModelRepository:Root"] = models,
            ["Silo:MetricsPort"] = "0",
        });
        BenchLogging.Configure(builder.Logging, "silo");
        builder.AddClusterSilo();
        var silo = builder.Build();
        try
        {
            await silo.StartAsync(cancellationToken);
            return silo;
        }
        catch
        {
            silo.Dispose();
            throw;
        }
    }
}
