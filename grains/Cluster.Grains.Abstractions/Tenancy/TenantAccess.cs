namespace Cluster.Grains.Tenancy;

/// <summary>What a gateway caches to decide a tenant's calls: its state and policy.</summary>
[GenerateSerializer, Immutable, Alias("cluster.TenantAccess")]
public sealed record class TenantAccess(
    [property: Id(0)] string TenantId,
    [property: Id(1)] bool Exists,
    [property: Id(2)] TenantState State,
    [property: Id(3)] TenantPolicy Policy);
