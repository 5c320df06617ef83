namespace Cluster.Grains.Tenancy;

/// <summary>A health system as the admin API shows it.</summary>
[GenerateSerializer, Immutable, Alias("cluster.TenantInfo")]
public sealed record class TenantInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] TenantState State,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset UpdatedAt,
    [property: Id(5)] string SuspendedReason);
