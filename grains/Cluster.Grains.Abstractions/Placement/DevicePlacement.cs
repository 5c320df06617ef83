namespace Cluster.Grains.Placement;

/// <summary>
/// Places a grain on a silo that announces the device kind its model needs (CUDA or CPU), with the
/// most free capacity there, spreading one model version's replicas across silos and devices
/// (docs/placement.md). The director lives in the silo.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("cluster.DevicePlacement")]
public sealed class DevicePlacement : PlacementStrategy
{
    public static DevicePlacement Singleton { get; } = new();
}
