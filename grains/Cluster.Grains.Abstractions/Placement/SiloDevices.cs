namespace Cluster.Grains.Placement;

/// <summary>A silo's announcement: its devices and their allocations, stamped by the directory when received.</summary>
[GenerateSerializer, Immutable, Alias("cluster.SiloDevices")]
public sealed record class SiloDevices(
    [property: Id(0)] SiloAddress Silo,
    [property: Id(1)] DeviceStatus[] Devices)
{
    /// <summary>When the directory received this announcement (its clock, UTC).</summary>
    [Id(2)] public DateTime ReceivedAt { get; init; }
}
