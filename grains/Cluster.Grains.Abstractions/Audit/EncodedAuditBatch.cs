namespace Cluster.Grains.Audit;

/// <summary>
/// Records one gateway appends to one tenant's chain in one call, already in their compact binary
/// form (AuditRecordCodec, in Cluster.Serving): each chunk is a run of length-prefixed records, kept
/// under the large-object threshold. <see cref="Id"/> is the gateway's id and a counter
/// (<c>source-N</c>), unique per batch and the same when the gateway retries it, so the chain stores
/// it once. <see cref="ChunkCounters"/>, when set, gives each chunk the counter it was first cut
/// under (non-decreasing, the last equal to the id's): a batch that merges several cuts (a gateway
/// that journals each second and writes the chains less often) then skips the cuts the chain
/// already holds, whoever stored them (a journal replay), so no record is stored twice.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.EncodedAuditBatch")]
public sealed record class EncodedAuditBatch(
    [property: Id(0)] string Id,
    [property: Id(1)] byte[][] Chunks,
    [property: Id(2)] long[]? ChunkCounters = null);
