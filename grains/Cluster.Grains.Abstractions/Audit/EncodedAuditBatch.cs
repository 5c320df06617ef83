namespace Cluster.Grains.Audit;

/// <summary>
/// Records one gateway appends to one tenant's chain in one call, already in their compact binary
/// form (AuditRecordCodec, in Cluster.Serving): each chunk is a run of length-prefixed records, kept
/// under the large-object threshold. <see cref="Id"/> is unique per batch and stays the same when
/// the gateway retries it, so the chain stores it once.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.EncodedAuditBatch")]
public sealed record class EncodedAuditBatch(
    [property: Id(0)] string Id,
    [property: Id(1)] byte[][] Chunks);
