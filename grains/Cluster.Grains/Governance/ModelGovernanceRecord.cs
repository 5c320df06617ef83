namespace Cluster.Grains.Governance;

/// <summary>A model's durable governance state.</summary>
[GenerateSerializer, Alias("cluster.ModelGovernanceRecord")]
public sealed class ModelGovernanceRecord
{
    [Id(0)] public string OwnerTenant { get; set; } = "";
    [Id(1)] public List<VersionGovernance> Versions { get; set; } = [];
}
