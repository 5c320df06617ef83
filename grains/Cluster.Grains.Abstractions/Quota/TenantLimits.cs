namespace Cluster.Grains.Quota;

/// <summary>
/// A tenant's contracted limits; 0 means no limit. Rate is a token bucket (requests per second,
/// burst); concurrency counts requests in flight; units are inference units (one per batch row)
/// per UTC day and UTC calendar month. <see cref="FairShareWeight"/> is not a limit but the tenant's
/// share when several tenants' requests wait for the same model: the batcher serves them by
/// weighted fair share (docs/batching.md); 0 means the default weight 1.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.TenantLimits")]
public sealed record class TenantLimits(
    [property: Id(0)] double RatePerSecond,
    [property: Id(1)] int Burst,
    [property: Id(2)] int Concurrency,
    [property: Id(3)] long DailyUnits,
    [property: Id(4)] long MonthlyUnits,
    [property: Id(5)] double FairShareWeight = 0)
{
    /// <summary>The largest fair-share weight a policy may give.</summary>
    public const double MaxFairShareWeight = 1000;
    public static TenantLimits None { get; } = new(0, 0, 0, 0, 0);

    public bool HasAny => RatePerSecond > 0 || Concurrency > 0 || DailyUnits > 0 || MonthlyUnits > 0;

    /// <summary>The bucket size: the burst, or one second of rate when no burst is set.</summary>
    public double BucketSize => Burst > 0 ? Burst : Math.Max(1, RatePerSecond);
}
