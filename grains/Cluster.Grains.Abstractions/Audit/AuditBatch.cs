namespace Cluster.Grains.Audit;

/// <summary>
/// Records one gateway appends to one tenant's chain in one call. <see cref="Id"/> is unique per
/// batch (gateway id and a counter) and stays the same when the gateway retries the batch, so the
/// chain stores it once even when an earlier try was written but its answer was lost.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.AuditBatch")]
public sealed record class AuditBatch(
    [property: Id(0)] string Id,
    [property: Id(1)] AuditRecord[] Records)
{
    /// <summary>Longest batch id the chain accepts.</summary>
    public const int MaxIdLength = 128;
}
