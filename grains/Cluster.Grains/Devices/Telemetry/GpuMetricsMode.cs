namespace Cluster.Grains.Devices.Telemetry;

/// <summary>When a silo exports its GPUs' <c>nv_gpu_*</c> metrics (<c>Silo:GpuMetrics</c>).</summary>
public enum GpuMetricsMode
{
    /// <summary>When the silo's devices include a CUDA device (discovered or configured).</summary>
    Auto,

    /// <summary>Always ask <c>nvidia-smi</c>, whatever devices the silo announces.</summary>
    On,

    /// <summary>Never.</summary>
    Off,
}
