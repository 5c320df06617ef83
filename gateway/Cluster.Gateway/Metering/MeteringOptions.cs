using Cluster.Gateway.Hosting;

namespace Cluster.Gateway.Metering;

/// <summary>How usage and audit records are buffered (configuration section <c>Metering</c>).</summary>
public sealed class MeteringOptions
{
    public const string SectionName = "Metering";

    /// <summary>How often aggregated usage is flushed to the usage grains (stretched as <see cref="FlushRowsPerSecond"/> says): the most a killed gateway can lose. Default 1 s.</summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often buffered audit records are appended to the tenants' chains: the most a killed
    /// gateway can lose. Default 1 s (fewer, larger appends: at 250 ms the same load cost about 5 %
    /// more throughput, docs/performance.md).
    /// </summary>
    public TimeSpan AuditFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Storage rows a flusher writes per second before it waits longer between flushes: a flush
    /// writes a row per active tenant (audit) or per tenant, key and model (usage), so with many
    /// tenants each called now and then, rows would follow the tenants instead of the calls. When
    /// the last flush wrote more than this many rows per interval, the next wait is rows / this,
    /// up to <see cref="MaxFlushInterval"/>. Default 200 (1,000 active tenants: 5 s); 0 keeps the
    /// intervals fixed.
    /// </summary>
    public int FlushRowsPerSecond { get; set; } = 200;

    /// <summary>The longest wait between flushes however many rows they write: the loss bound on a crash with many active tenants. Default 5 s.</summary>
    public TimeSpan MaxFlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The usage flusher's pacing.</summary>
    public FlushPacing UsagePacing() => new(UsageFlushInterval, MaxFlushInterval, FlushRowsPerSecond);

    /// <summary>The audit flusher's pacing.</summary>
    public FlushPacing AuditPacing() => new(AuditFlushInterval, MaxFlushInterval, FlushRowsPerSecond);

    /// <summary>
    /// Most audit records a gateway holds that no chain has stored yet (about 100-200 bytes each).
    /// At the bound the gateway refuses new inference (UNAVAILABLE <c>AUDIT_BACKLOG</c>) until
    /// flushes catch up; refusals are still recorded up to twice the bound. Default 1,000,000.
    /// </summary>
    public long MaxBufferedAuditRecords { get; set; } = 1_000_000;
}
