using Cluster.Grains.Placement;

namespace Cluster.Grains.Devices;

/// <summary>A device of this silo: name (<c>cpu</c> or <c>cuda:N</c>), CUDA id, memory (0 when not known) and shard slots.</summary>
public sealed record class LocalDevice(string Name, DeviceType Type, int CudaId, long TotalMemoryBytes, long FreeMemoryBytes, int Slots);
