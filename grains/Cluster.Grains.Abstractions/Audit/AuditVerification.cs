namespace Cluster.Grains.Audit;

/// <summary>The result of recomputing a tenant's hash chain: intact, or the first record that breaks it.</summary>
[GenerateSerializer, Immutable, Alias("cluster.AuditVerification")]
public sealed record class AuditVerification(
    [property: Id(0)] bool Intact,
    [property: Id(1)] long RecordsChecked,
    [property: Id(2)] long FirstBrokenSequence,
    [property: Id(3)] string Problem);
