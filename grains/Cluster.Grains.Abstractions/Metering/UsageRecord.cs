namespace Cluster.Grains.Metering;

/// <summary>
/// Successful inferences aggregated per tenant, key, model, version, purpose and UTC minute.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.UsageRecord")]
public sealed record class UsageRecord(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string KeyId,
    [property: Id(2)] string Model,
    [property: Id(3)] string Version,
    [property: Id(4)] string Purpose,
    [property: Id(5)] DateTimeOffset Minute,
    [property: Id(6)] long Requests,
    [property: Id(7)] long Units,
    [property: Id(8)] long ComputeNs,
    [property: Id(9)] long QueueNs);
