namespace Cluster.Grains.Journal;

/// <summary>What one sweep replayed: the gateways whose journals it found abandoned, their entries, audit records and usage totals.</summary>
[GenerateSerializer, Immutable, Alias("cluster.JournalReplay")]
public sealed record class JournalReplay(
    [property: Id(0)] int Gateways,
    [property: Id(1)] int Entries,
    [property: Id(2)] long AuditRecords,
    [property: Id(3)] int UsageTotals);
