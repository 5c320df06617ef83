using Prometheus;

namespace Cluster.Gateway.Metrics;

/// <summary>
/// The gateway's view of governance (<c>Security.GovernanceFeedPoller</c>, the key and tenant
/// caches): grain calls made to fetch a key or a tenant (with the feed answering, only first uses,
/// changed entries and the slow safety-net refresh), failed polls of the change feed (each second
/// of them moves the caches toward per-entry refreshes), and resets (the feed lost its place:
/// every cached entry is refreshed).
/// </summary>
public static class GovernanceFeedMetrics
{
    private static readonly Counter Fetches = Prometheus.Metrics.CreateCounter(
        "cluster_gateway_governance_fetches_total", "Grain calls made to fetch a cached key or tenant (first use, a change, or a refresh).", "cache");

    private static readonly Counter PollsFailed = Prometheus.Metrics.CreateCounter(
        "cluster_gateway_governance_feed_polls_failed_total", "Polls of the governance change feed that failed; while they fail, cached keys and tenants age into per-entry refreshes (fetched before use past Auth:MaxStale).");

    private static readonly Counter Resets = Prometheus.Metrics.CreateCounter(
        "cluster_gateway_governance_feed_resets_total", "Times the governance change feed could not say what changed (new epoch, or this gateway fell behind its ring): every cached entry is refreshed.");

    public static void Fetched(string cache) => Fetches.WithLabels(cache).Inc();

    public static void PollFailed() => PollsFailed.Inc();

    public static void Reset() => Resets.Inc();
}
