namespace Cluster.Grains.Governance;

/// <summary>Governance of one registered model version.</summary>
[GenerateSerializer, Immutable, Alias("cluster.VersionGovernance")]
public sealed record class VersionGovernance
{
    [Id(0)] public required long Version { get; init; }
    [Id(1)] public LifecycleState State { get; init; } = LifecycleState.Draft;
    [Id(2)] public DateTimeOffset? SunsetAt { get; init; }
    [Id(3)] public ModelCardFacts Card { get; init; } = new("", "", "", "");
    [Id(4)] public string ArtifactSha256 { get; init; } = "";
    [Id(5)] public DateTimeOffset RegisteredAt { get; init; }
    [Id(6)] public bool ApprovedForAll { get; init; }
    [Id(7)] public string[] ApprovedTenants { get; init; } = [];

    public bool IsApprovedFor(string tenantId) => ApprovedForAll || Array.IndexOf(ApprovedTenants, tenantId) >= 0;
}
