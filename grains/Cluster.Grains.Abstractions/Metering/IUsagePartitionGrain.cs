namespace Cluster.Grains.Metering;

/// <summary>
/// Writes the usage of every tenant in one storage partition (key: the partition,
/// <c>TenantPartitions.Of(tenant)</c>) in as few table transactions as the rows need (100 rows each),
/// so a gateway's flush costs one call per partition, not per tenant. Idempotent per batch id, as
/// <see cref="IUsageGrain.Record"/>. Reading usage stays with <see cref="IUsageGrain"/>.
/// </summary>
[Alias("cluster.IUsagePartitionGrain")]
public interface IUsagePartitionGrain : IGrainWithIntegerKey
{
    /// <summary>Writes the batch's records; every record's tenant must belong to this partition.</summary>
    [Alias("Record")]
    Task Record(UsageBatch batch);

    /// <summary>Writes a gateway's running totals (what gateways send); every total's tenant must belong to this partition.</summary>
    [Alias("Store")]
    Task Store(UsageSnapshot snapshot);
}
