namespace Cluster.Grains.Governance;

/// <summary>Governance of one model: its owner (a private model) and each registered version.</summary>
[GenerateSerializer, Immutable, Alias("cluster.ModelGovernance")]
public sealed record class ModelGovernance(
    [property: Id(0)] string Model,
    [property: Id(1)] string OwnerTenant,
    [property: Id(2)] VersionGovernance[] Versions)
{
    public bool IsPrivate => OwnerTenant.Length > 0;

    public VersionGovernance? Find(long version) => Array.Find(Versions, v => v.Version == version);

    public bool IsVisibleTo(string tenantId) => !IsPrivate || OwnerTenant == tenantId;
}
