using Cluster.Gateway.Metrics;
using Cluster.Grains.Tenancy;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Security;

/// <summary>
/// Each tenant's state and policy, as fresh as <see cref="AuthOptions.MaxStale"/>, without a grain call
/// per request; kept current by the change feed (<see cref="GovernanceFeedPoller"/>).
/// </summary>
public sealed class TenantAccessCache(IClusterClient client, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly RefreshingCache<TenantAccess> _cache = RefreshingCaches.Create(
        id => Retries.ClusterCallRetry.RunAsync(() => { GovernanceFeedMetrics.Fetched("tenant"); return client.GetGrain<ITenantGrain>(id).GetAccess(); }, time), options.Value, time);

    /// <summary>The cache itself, for the change feed's poller.</summary>
    internal RefreshingCache<TenantAccess> Cache => _cache;

    /// <summary>Grain calls made to fetch tenants since start.</summary>
    public long Fetches => _cache.Fetches;

    public ValueTask<TenantAccess> GetAsync(string tenantId) => _cache.GetAsync(tenantId);

    /// <summary>Drops a tenant this gateway just changed, so its own next call sees the change without waiting for the feed.</summary>
    public void Invalidate(string tenantId) => _cache.Invalidate(tenantId);
}
