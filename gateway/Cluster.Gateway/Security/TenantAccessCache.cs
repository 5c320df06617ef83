using Cluster.Grains.Tenancy;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Security;

/// <summary>Each tenant's state and policy, as fresh as <see cref="AuthOptions.MaxStale"/>, without a grain call per request.</summary>
public sealed class TenantAccessCache(IClusterClient client, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly RefreshingCache<TenantAccess> _cache = new(
        id => client.GetGrain<ITenantGrain>(id).GetAccess(), options.Value.RefreshAfter, options.Value.MaxStale, options.Value.CacheCapacity, time);

    public ValueTask<TenantAccess> GetAsync(string tenantId) => _cache.GetAsync(tenantId);

    /// <summary>Drops a tenant this gateway just changed, so its own next call sees the change.</summary>
    public void Invalidate(string tenantId) => _cache.Invalidate(tenantId);
}
