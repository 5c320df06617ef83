using Cluster.Gateway.Hosting;
using Cluster.Gateway.Audit;

namespace Cluster.Gateway.Metering;

/// <summary>How usage and audit records are buffered (configuration section <c>Metering</c>).</summary>
public sealed class MeteringOptions
{
    public const string SectionName = "Metering";

    /// <summary>
    /// The hash that binds each audit record to its input and output tensors: <c>Fast</c> (default:
    /// SHA-256 below 16 KB of tensor data, BLAKE3 from there) or <c>Sha256</c> (FIPS-approved throughout).
    /// </summary>
    public AuditDigestMode AuditDigest { get; set; } = AuditDigestMode.Fast;

    /// <summary>
    /// How often aggregated usage is written to storage, or journaled while writes are stretched
    /// (<see cref="FlushRowsPerSecond"/>, <see cref="Journal"/>): the most a killed gateway can lose.
    /// Default 1 s.
    /// </summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often buffered audit records are appended to the tenants' chains, or journaled while
    /// appends are stretched: the most a killed gateway can lose. Default 1 s (fewer, larger
    /// appends: at 250 ms the same load cost about 5 % more throughput, docs/performance.md).
    /// </summary>
    public TimeSpan AuditFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Storage rows a flusher writes per second before it waits longer between writes: a write
    /// makes a row per active tenant (audit) or per tenant, key and model (usage), so with many
    /// tenants each called now and then, rows would follow the tenants instead of the calls. When
    /// the last write made more than this many rows per interval, the next wait is rows / this,
    /// up to <see cref="MaxFlushInterval"/>. Default 20 (1,000 active tenants: 50 s; one tenant:
    /// every interval); 0 keeps the intervals fixed.
    /// </summary>
    public int FlushRowsPerSecond { get; set; } = 20;

    /// <summary>
    /// The longest wait between writes to storage however many rows they make. With
    /// <see cref="Journal"/> on, a crash still loses at most one flush interval; with it off, this is
    /// the loss bound. Default 60 s.
    /// </summary>
    public TimeSpan MaxFlushInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Whether, while writes are stretched, each interval's records are written to the gateway's
    /// write-ahead journal (a few rows a second, whatever the number of tenants), which the cluster
    /// replays if the gateway dies (Storage:JournalStaleAfter). Default on.
    /// </summary>
    public bool Journal { get; set; } = true;

    /// <summary>
    /// How often a journaling flusher writes what it cut to the journal between its writes to
    /// storage: the loss bound on a crash while <see cref="Journal"/> is on. Default 1 s. Writes
    /// still come no more often than the flush intervals, so a flush interval above this one
    /// journals even with a single tenant.
    /// </summary>
    public TimeSpan JournalInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The journal interval a flusher cycles on (null: it does not journal).</summary>
    public TimeSpan? JournalCycle() => Journal ? JournalInterval : null;

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
