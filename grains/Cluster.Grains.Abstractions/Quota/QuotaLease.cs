namespace Cluster.Grains.Quota;

/// <summary>
/// What the tenant grant: tokens, units and slots the gateway may spend locally, and, for what it
/// could not grant, when to retry and when the volume windows reset.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.QuotaLease")]
public sealed record class QuotaLease(
    [property: Id(0)] int Tokens,
    [property: Id(1)] long Units,
    [property: Id(2)] int Slots,
    [property: Id(3)] TimeSpan RetryAfter,
    [property: Id(4)] DateTimeOffset DayResetsAt,
    [property: Id(5)] DateTimeOffset MonthResetsAt,
    [property: Id(6)] long DailyRemaining,
    [property: Id(7)] long MonthlyRemaining,
    [property: Id(8)] TenantLimits Limits);
