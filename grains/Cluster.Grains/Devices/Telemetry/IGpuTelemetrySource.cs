namespace Cluster.Grains.Devices.Telemetry;

/// <summary>Where a silo reads its GPUs' utilisation, memory and power from (<see cref="NvidiaSmiTelemetrySource"/>; a fake in tests).</summary>
public interface IGpuTelemetrySource
{
    /// <summary>
    /// The GPUs as they are now; empty when the source answered nothing usable this time, null when
    /// it is not available on this machine at all (no <c>nvidia-smi</c>) and asking again is pointless.
    /// </summary>
    Task<IReadOnlyList<GpuSample>?> ReadAsync(CancellationToken cancellationToken);
}
