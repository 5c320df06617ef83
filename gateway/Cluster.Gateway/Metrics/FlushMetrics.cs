using Prometheus;

namespace Cluster.Gateway.Metrics;

/// <summary>
/// What the gateway holds that storage has not acknowledged yet: audit records and usage batches
/// waiting for their flush, and failed flushes. A buffer that grows while failures count up is a
/// storage or silo outage (docs/quota-and-metering.md, loss bound).
/// </summary>
public static class FlushMetrics
{
    private static readonly Gauge AuditRecords = Prometheus.Metrics.CreateGauge(
        "cluster_gateway_audit_records_buffered", "Audit records recorded by this gateway and not yet appended to their chains.");

    private static readonly Gauge UsageBatches = Prometheus.Metrics.CreateGauge(
        "cluster_gateway_usage_batches_pending", "Usage totals (per tenant, key, model, version, purpose and minute) changed at this gateway and not yet written.");

    private static readonly Counter Dropped = Prometheus.Metrics.CreateCounter(
        "cluster_gateway_audit_records_dropped_total", "Audit records of refused calls dropped because the backlog stood at twice Metering:MaxBufferedAuditRecords.");

    private static readonly Counter Failures = Prometheus.Metrics.CreateCounter(
        "cluster_gateway_flush_failures_total", "Flushes that failed and will be retried, per flusher.", "flusher");

    private static readonly Gauge Intervals = Prometheus.Metrics.CreateGauge(
        "cluster_gateway_flush_interval_seconds", "The wait between a flusher's writes to storage (Metering:*FlushInterval, stretched up to Metering:MaxFlushInterval while writes make many rows). In between, the flusher journals each interval's records (Metering:Journal), so a killed gateway loses at most one Metering:*FlushInterval.", "flusher");

    private static readonly Counter JournalEntries = Prometheus.Metrics.CreateCounter(
        "cluster_gateway_journal_entries_total", "Entries a flusher wrote to its gateway's write-ahead journal (between its writes to storage).", "flusher");

    private static readonly Counter JournalFailures = Prometheus.Metrics.CreateCounter(
        "cluster_gateway_journal_failures_total", "Journal writes that failed and will be retried, per flusher.", "flusher");

    private static readonly Histogram Durations = Prometheus.Metrics.CreateHistogram(
        "cluster_gateway_storage_write_seconds", "How long a flusher's writes to storage (kind=write) and to its journal (kind=journal) took, failed ones included. A write longer than Metering:JournalInterval is journaled first, so it does not widen what a crash loses; a journal write that long does.",
        new HistogramConfiguration { LabelNames = ["flusher", "kind"], Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    public static void WriteTook(string flusher, TimeSpan took) => Durations.WithLabels(flusher, "write").Observe(took.TotalSeconds);

    public static void JournalTook(string flusher, TimeSpan took) => Durations.WithLabels(flusher, "journal").Observe(took.TotalSeconds);

    public static void Journaled(string flusher) => JournalEntries.WithLabels(flusher).Inc();

    public static void JournalFailed(string flusher) => JournalFailures.WithLabels(flusher).Inc();

    public static void Interval(string flusher, TimeSpan interval) => Intervals.WithLabels(flusher).Set(interval.TotalSeconds);

    public static void AuditRecorded() => AuditRecords.Inc();

    public static void AuditAppended(long records) => AuditRecords.Dec(records);

    /// <summary>A stopped gateway's records that were never appended leave the gauge (they are in its journal, or lost).</summary>
    public static void AuditReleased(long records)
    {
        if (records > 0) AuditRecords.Dec(records);
    }

    public static void AuditDropped() => Dropped.Inc();

    public static void UsagePending(int batches) => UsageBatches.Set(batches);

    public static void FlushFailed(string flusher) => Failures.WithLabels(flusher).Inc();
}
