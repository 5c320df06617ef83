namespace Cluster.Grains.Devices.Telemetry;

/// <summary>
/// The silo's device metrics (configuration section <c>Silo</c>, beside the device keys of
/// <see cref="DeviceOptions"/>; docs/observability.md). The program asked is <see cref="DeviceOptions.NvidiaSmi"/>.
/// </summary>
public sealed class GpuMetricsOptions
{
    public const string SectionName = DeviceOptions.SectionName;
    public static readonly TimeSpan DefaultGpuMetricsInterval = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan MinimumGpuMetricsInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether to export <c>nv_gpu_*</c>: <c>Auto</c> (the default) when the silo's devices include a
    /// <c>cuda:N</c>, <c>On</c> always, <c>Off</c> never. Shard-per-device gauges are exported regardless.
    /// </summary>
    public GpuMetricsMode GpuMetrics { get; set; } = GpuMetricsMode.Auto;

    /// <summary>How often the GPUs and the device allocations are read (default 5 s, at least 1 s).</summary>
    public TimeSpan GpuMetricsInterval { get; set; } = DefaultGpuMetricsInterval;
}
