using Cluster.Grains.Inference;

namespace Cluster.Gateway.DataPlane;

/// <summary>One model version's statistics summed over its replicas.</summary>
public sealed record class ModelVersionStatistics(string Name, string Version, ShardStatistics Totals);
