using Orleans.Placement;

namespace Cluster.Grains.Placement;

/// <summary>Marks a grain class as placed by <see cref="DevicePlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class DevicePlacementAttribute() : PlacementAttribute(DevicePlacement.Singleton);
