namespace Cluster.Grains.Audit;

/// <summary>
/// The appender of the audit chains of every tenant in one storage partition (key: the partition,
/// <c>TenantPartitions.Of(tenant)</c>): a gateway's flush costs one call and one table transaction
/// per partition, not per tenant. Each chain's batch is chained and stored whole or not at all, and
/// a batch whose id a chain already holds is not appended again. Reading a chain (query, verify)
/// stays with <see cref="IAuditChainGrain"/>.
/// </summary>
[Alias("cluster.IAuditPartitionGrain")]
public interface IAuditPartitionGrain : IGrainWithIntegerKey
{
    /// <summary>Most bytes of encoded records one call takes (every chain's batch together).</summary>
    public const int MaxAppendBytes = IAuditChainGrain.MaxAppendBytes;

    /// <summary>Appends each chain's batch in order; every chain must belong to this partition.</summary>
    [Alias("Append")]
    Task Append(ChainAppend[] appends);
}
