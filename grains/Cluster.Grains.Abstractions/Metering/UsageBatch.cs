namespace Cluster.Grains.Metering;

/// <summary>
/// One gateway flush for one tenant. <see cref="BatchId"/> is unique per gateway flush and makes a
/// retried flush overwrite, never add to, what it already wrote.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.UsageBatch")]
public sealed record class UsageBatch([property: Id(0)] string BatchId, [property: Id(1)] UsageRecord[] Records);
