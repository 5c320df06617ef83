using Cluster.Gateway.Catalog;
using Cluster.Gateway.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Health;

/// <summary>
/// Ready when the gateway has the model index and has reached the cluster recently (a refresh
/// within three refresh intervals, at least 15 s). Used by /readyz, /v2/health/ready, ServerReady
/// and grpc.health.v1. Not ready once the host is stopping (SIGTERM): load balancers take the
/// gateway out while it serves on for <see cref="GatewayOptions.DrainDelay"/> and then drains its
/// in-flight calls (docs/resilience.md).
/// </summary>
public sealed class GatewayReadiness(
    ModelCatalog catalog, IOptions<GatewayOptions> options, TimeProvider time, IHostApplicationLifetime? lifetime = null, GatewayDrain? drain = null) : IHealthCheck
{
    public const string Tag = "ready";

    public bool IsReady
    {
        get
        {
            if (Stopping || !catalog.IsLoaded) return false;
            var window = TimeSpan.FromTicks(Math.Max(options.Value.CatalogRefreshInterval.Ticks * 3, TimeSpan.FromSeconds(15).Ticks));
            return time.GetUtcNow() - catalog.LastRefreshed < window;
        }
    }

    /// <summary>True once the host began to stop.</summary>
    public bool Stopping => lifetime?.ApplicationStopping.IsCancellationRequested == true || drain?.Draining == true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsReady
            ? HealthCheckResult.Healthy("model index loaded and cluster reachable")
            : HealthCheckResult.Unhealthy(Stopping ? "shutting down" : catalog.IsLoaded ? "cluster not reached recently" : "model index not loaded yet"));
}
