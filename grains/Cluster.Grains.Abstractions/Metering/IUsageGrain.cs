namespace Cluster.Grains.Metering;

/// <summary>A tenant's durable usage (key: tenant id): written in idempotent batches, read as totals.</summary>
[Alias("cluster.IUsageGrain")]
public interface IUsageGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(UsageBatch batch);

    [Alias("Query")]
    Task<UsageTotal[]> Query(DateTimeOffset from, DateTimeOffset to, UsageGrouping grouping);
}
