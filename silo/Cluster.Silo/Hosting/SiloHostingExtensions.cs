using System.Net;
using Azure.Data.Tables;
using Cluster.Gateway.Telemetry;
using Cluster.Grains.Hosting;
using Cluster.Grains.Inference;
using Cluster.Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Prometheus;

namespace Cluster.Silo.Hosting;

/// <summary>Turns a generic host into a cluster silo.</summary>
public static class SiloHostingExtensions
{
    public static IHostApplicationBuilder AddClusterSilo(this IHostApplicationBuilder builder)
    {
        var membership = ClusterDiscoveryOptionsValidator.ValidateNow(
            builder.Configuration.GetSection(ClusterDiscoveryOptions.SectionName).Get<ClusterDiscoveryOptions>() ?? new());
        var silo = builder.Configuration.GetSection(SiloOptions.SectionName).Get<SiloOptions>() ?? new();
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new();

        builder.Services.AddClusterGrainServices(builder.Configuration);
        builder.Services.AddJournalRecovery();
        builder.Services.AddShutdownTimeout(silo.ShutdownTimeout);
        builder.AddClusterTracing("cluster-silo", ShardTracing.SourceName);
        builder.UseOrleans(orleans =>
        {
            if (membership.IsAzureTable)
            {
                orleans.UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(membership.ConnectionString));
                var address = string.IsNullOrEmpty(silo.AdvertisedAddress) ? null : IPAddress.Parse(silo.AdvertisedAddress);
                if (address is null) orleans.ConfigureEndpoints(membership.SiloPort, membership.GatewayPort);
                else orleans.ConfigureEndpoints(address, membership.SiloPort, membership.GatewayPort);
            }
            else
            {
                var primary = membership.PrimarySiloPort is { } p ? new IPEndPoint(IPAddress.Loopback, p) : null;
                orleans.UseLocalhostClustering(membership.SiloPort, membership.GatewayPort, primary, membership.ServiceId, membership.ClusterId);
            }
            if (membership.UsesTls) orleans.UseClusterTls(membership.Tls);
            // Grain calls continue the caller's trace: the gateway's infer span becomes the shard's parent.
            orleans.AddActivityPropagation();
            orleans.AddAzureTableGrainStorage(StorageOptions.GrainStorageName, o =>
            {
                o.TableServiceClient = new TableServiceClient(storage.ConnectionString);
                o.TableName = storage.GrainStateTable;
            });
            orleans.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = membership.ClusterId;
                o.ServiceId = membership.ServiceId;
            });
            orleans.Configure<ClusterMembershipOptions>(o => MembershipTuning.Apply(o, builder.Configuration));
            orleans.AddDevicePlacement();
            orleans.AddIncomingGrainCallFilter<Cluster.Grains.Security.GovernanceCallerFilter>();
        });
        if (silo.MetricsPort > 0)
        {
            builder.Services.AddMetricServer(o => (o.Port, o.Hostname) = ((ushort)silo.MetricsPort, silo.MetricsListenAddress));
            builder.Services.AddDeviceMetrics(builder.Configuration);
        }
        return builder;
    }
}
