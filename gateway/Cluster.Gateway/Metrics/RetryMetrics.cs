using Prometheus;

namespace Cluster.Gateway.Metrics;

/// <summary>
/// Shard calls sent again after their shard was lost (<c>Retries.ShardCaller</c>): retries made, per
/// model, and calls that could not be retried because the retry budget was spent (a cluster
/// failing most calls) — the second is an alert, the first is normal during a fail-over.
/// </summary>
public static class RetryMetrics
{
    private static readonly Counter Retries = Prometheus.Metrics.CreateCounter(
        "cluster_gateway_shard_retries_total", "Shard calls sent again because the shard was lost before answering (silo died, activation moved, shard stopping).", "model");

    private static readonly Counter BudgetSpent = Prometheus.Metrics.CreateCounter(
        "cluster_gateway_shard_retries_refused_total", "Shard calls that failed with a retryable cause and were not retried, by why (budget, attempts, deadline).", "why");

    public static void Retried(string model) => Retries.WithLabels(model).Inc();

    public static void NotRetried(string why) => BudgetSpent.WithLabels(why).Inc();
}
