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
    /// <remarks>Defaults to a fresh instance, never the shared <see cref="Quota.TenantLimits.None"/>: a deserialiser may fill an existing value in place.</remarks>
    [Id(6)] public Quota.TenantLimits Limits { get; init; } = new(0, 0, 0, 0, 0);

    public static TenantPolicy Empty { get; } = new();
}
