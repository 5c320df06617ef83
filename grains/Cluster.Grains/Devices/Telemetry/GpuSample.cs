using System.Globalization;

namespace Cluster.Grains.Devices.Telemetry;

/// <summary>
/// One reading of one GPU: its <c>nvidia-smi</c> index and UUID, utilisation (0 to 1), memory in
/// bytes, power draw and limit in watts. A value the driver does not report (<c>[N/A]</c>,
/// <c>[Not Supported]</c>) is null.
/// </summary>
public sealed record class GpuSample(
    int Index,
    string Uuid,
    double? Utilization,
    long? MemoryUsedBytes,
    long? MemoryTotalBytes,
    double? PowerWatts,
    double? PowerLimitWatts)
{
    /// <summary>The device name this silo announces for the GPU (<c>cuda:N</c>, as <see cref="DeviceDiscovery"/>).</summary>
    public string Device => string.Create(CultureInfo.InvariantCulture, $"cuda:{Index}");
}
