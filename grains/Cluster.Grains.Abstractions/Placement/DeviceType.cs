namespace Cluster.Grains.Placement;

/// <summary>The kind of an announced execution device.</summary>
[GenerateSerializer, Alias("cluster.DeviceType")]
public enum DeviceType
{
    Cpu = 0,
    Cuda = 1,
}
