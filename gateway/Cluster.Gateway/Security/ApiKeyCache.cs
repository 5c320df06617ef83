using Cluster.Gateway.Metrics;
using Cluster.Grains.Tenancy;
using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Security;

/// <summary>
/// Each API key's record by key id (null for an unknown id), as fresh as <see cref="AuthOptions.MaxStale"/>,
/// without a grain call per request; kept current by the change feed (<see cref="GovernanceFeedPoller"/>).
/// </summary>
public sealed class ApiKeyCache(IClusterClient client, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly RefreshingCache<ApiKeyRecord?> _cache = RefreshingCaches.Create<ApiKeyRecord?>(
        id => Retries.ClusterCallRetry.RunAsync(() => { GovernanceFeedMetrics.Fetched("key"); return client.GetGrain<IApiKeyGrain>(id).Resolve(); }, time), options.Value, time);

    /// <summary>The cache itself, for the change feed's poller.</summary>
    internal RefreshingCache<ApiKeyRecord?> Cache => _cache;

    /// <summary>Grain calls made to fetch keys since start.</summary>
    public long Fetches => _cache.Fetches;

    public ValueTask<ApiKeyRecord?> GetAsync(string keyId) => _cache.GetAsync(keyId);
}
