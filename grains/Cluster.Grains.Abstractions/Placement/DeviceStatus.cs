namespace Cluster.Grains.Placement;

/// <summary>
/// One device of a silo as announced: its name (<c>cpu</c> or <c>cuda:N</c>), memory (0 when not
/// known), the shard slots it offers and the model versions (<c>model/version</c>, one entry per
/// shard activation) that hold a slot on it now.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.DeviceStatus")]
public sealed record class DeviceStatus(
    [property: Id(0)] string Name,
    [property: Id(1)] DeviceType Type,
    [property: Id(2)] long TotalMemoryBytes,
    [property: Id(3)] long FreeMemoryBytes,
    [property: Id(4)] int Slots,
    [property: Id(5)] string[] Allocations)
{
    public int FreeSlots => Math.Max(0, Slots - Allocations.Length);
}
