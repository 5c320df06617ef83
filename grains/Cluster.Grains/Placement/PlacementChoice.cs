namespace Cluster.Grains.Placement;

/// <summary>Where a shard goes: a silo and the device on it the choice was made for.</summary>
public sealed record class PlacementChoice(SiloAddress Silo, string Device);
