namespace Cluster.Grains.Audit;

/// <summary>One chain's part of an append to an audit partition: the chain (tenant id, or <c>_anonymous</c>) and its batch.</summary>
[GenerateSerializer, Immutable, Alias("cluster.ChainAppend")]
public sealed record class ChainAppend(
    [property: Id(0)] string Chain,
    [property: Id(1)] EncodedAuditBatch Batch);
