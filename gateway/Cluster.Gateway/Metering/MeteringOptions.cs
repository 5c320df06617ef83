namespace Cluster.Gateway.Metering;

/// <summary>How usage and audit records are buffered (configuration section <c>Metering</c>).</summary>
public sealed class MeteringOptions
{
    public const string SectionName = "Metering";

    /// <summary>How often aggregated usage is flushed to the usage grains: the most a killed gateway can lose. Default 1 s.</summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often buffered audit records are appended to the tenants' chains: the most a killed
    /// gateway can lose. Default 1 s (fewer, larger appends: at 250 ms the same load cost about 5 %
    /// more throughput, docs/performance.md).
    /// </summary>
    public TimeSpan AuditFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most audit records a gateway holds that no chain has stored yet (about 100-200 bytes each).
    /// At the bound the gateway refuses new inference (UNAVAILABLE <c>AUDIT_BACKLOG</c>) until
    /// flushes catch up; refusals are still recorded up to twice the bound. Default 1,000,000.
    /// </summary>
    public long MaxBufferedAuditRecords { get; set; } = 1_000_000;
}
