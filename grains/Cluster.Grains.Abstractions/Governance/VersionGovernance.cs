using System.Collections.Frozen;
using System.Runtime.CompilerServices;

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

    /// <summary>Checked on every inference: a short list is scanned, a long one (a model approved for many tenants) is looked up in a set made once per list.</summary>
    public bool IsApprovedFor(string tenantId) =>
        ApprovedForAll || (ApprovedTenants.Length <= ScanLimit
            ? Array.IndexOf(ApprovedTenants, tenantId) >= 0
            : ApprovedSets.GetValue(ApprovedTenants, tenants => tenants.ToFrozenSet(StringComparer.Ordinal)).Contains(tenantId));

    /// <summary>Lists up to this long are scanned.</summary>
    private const int ScanLimit = 16;

    /// <summary>The sets of long approval lists, per list (immutable, so the set stays right; not part of the record's equality or wire form).</summary>
    private static readonly ConditionalWeakTable<string[], FrozenSet<string>> ApprovedSets = new();
}
