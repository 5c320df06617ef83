namespace Cluster.Grains.Metering;

/// <summary>Usage summed over a period, optionally per group (a model, a purpose or a day).</summary>
[GenerateSerializer, Immutable, Alias("cluster.UsageTotal")]
public sealed record class UsageTotal(
    [property: Id(0)] string Group,
    [property: Id(1)] long Requests,
    [property: Id(2)] long Units,
    [property: Id(3)] long ComputeNs,
    [property: Id(4)] long QueueNs);
