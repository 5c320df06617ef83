using System.Collections.Concurrent;
using Prometheus;

namespace Cluster.Gateway.Metrics;

/// <summary>
/// Per-tenant admission metrics: admitted requests, rejections by reason, units, and the remaining
/// volume quota last seen. Labelled by tenant id (bounded by the number of tenants; not PHI).
/// </summary>
public sealed class TenantMetrics
{
    private readonly Counter _admitted = Prometheus.Metrics.CreateCounter(
        "cluster_tenant_requests_admitted_total", "Inference requests admitted, per tenant.", "tenant");
    private readonly Counter _rejected = Prometheus.Metrics.CreateCounter(
        "cluster_tenant_requests_rejected_total", "Inference requests refused, per tenant and reason.", "tenant", "reason");
    private readonly Counter _units = Prometheus.Metrics.CreateCounter(
        "cluster_tenant_inference_units_total", "Inference units (batch rows) served, per tenant.", "tenant");
    private readonly Gauge _remaining = Prometheus.Metrics.CreateGauge(
        "cluster_tenant_quota_remaining_units", "Units left in the tenant's volume quota window, as last leased by this gateway.", "tenant", "window");

    /// <summary>Each tenant's per-call series, looked up once per tenant instead of on every call (bounded like the label: one entry per tenant).</summary>
    private readonly ConcurrentDictionary<string, (Counter.Child Admitted, Counter.Child Units)> _perCall = new(StringComparer.Ordinal);

    public void Admitted(string tenant) => PerCall(tenant).Admitted.Inc();

    public void Rejected(string tenant, string reason) => _rejected.WithLabels(tenant, reason).Inc();

    public void Units(string tenant, long units) => PerCall(tenant).Units.Inc(units);

    private (Counter.Child Admitted, Counter.Child Units) PerCall(string tenant) =>
        _perCall.GetOrAdd(tenant, static (t, metrics) => (metrics._admitted.WithLabels(t), metrics._units.WithLabels(t)), this);

    public void Remaining(string tenant, long daily, long monthly)
    {
        if (daily != long.MaxValue) _remaining.WithLabels(tenant, "daily").Set(daily);
        if (monthly != long.MaxValue) _remaining.WithLabels(tenant, "monthly").Set(monthly);
    }
}
