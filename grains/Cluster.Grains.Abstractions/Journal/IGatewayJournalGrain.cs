using Cluster.Grains.Metering;

namespace Cluster.Grains.Journal;

/// <summary>
/// A gateway's write-ahead journal (key: the gateway's id). While a gateway writes the tenants'
/// chains and usage rows less often than once a second (many active tenants: each write costs a row
/// per tenant), it journals what it buffered each second here, as one or a few rows of its own, so
/// a crash still loses at most a second. Entries are trimmed once the chains and usage rows hold
/// them; a journal its gateway stopped writing is replayed into them by
/// <see cref="IJournalRecoveryGrain"/>. Stateless: any silo writes any gateway's journal.
/// </summary>
[Alias("cluster.IGatewayJournalGrain")]
public interface IGatewayJournalGrain : IGrainWithStringKey
{
    /// <summary>Most bytes of encoded records (audit) one entry takes.</summary>
    public const int MaxEntryBytes = 8 * 1024 * 1024;

    /// <summary>Journals the audit records the gateway cut in one cycle (<paramref name="sequence"/>: the entry's number, growing).</summary>
    [Alias("WriteAudit")]
    Task WriteAudit(long sequence, AuditCut[] cuts);

    /// <summary>Journals the gateway's running usage totals that changed in one cycle (each total since the gateway started, per minute).</summary>
    [Alias("WriteUsage")]
    Task WriteUsage(long sequence, UsageRecord[] totals);

    /// <summary>Deletes the stream's entries up to and including <paramref name="upTo"/>: the chains or usage rows hold them.</summary>
    [Alias("Trim")]
    Task Trim(JournalStream stream, long upTo);
}
