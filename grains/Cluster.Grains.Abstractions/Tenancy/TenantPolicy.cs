namespace Cluster.Grains.Tenancy;

/// <summary>
/// A tenant's governance policy. Deny by default: an empty policy entitles nothing and permits no
/// purpose.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.TenantPolicy")]
public sealed record class TenantPolicy
{
    [Id(0)] public Entitlement[] Entitlements { get; init; } = [];
    [Id(1)] public string[] PermittedPurposes { get; init; } = [];
    [Id(2)] public string DefaultPurpose { get; init; } = "";
    [Id(3)] public long Revision { get; init; }
    [Id(4)] public DateTimeOffset UpdatedAt { get; init; }
    [Id(5)] public string UpdatedBy { get; init; } = "";

    /// <summary>Rate, concurrency and volume limits; none by default.</summary>
    [Id(6)] public Quota.TenantLimits Limits { get; init; } = Quota.TenantLimits.None;

    public static TenantPolicy Empty { get; } = new();
}
