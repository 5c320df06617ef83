namespace Cluster.Grains.Devices;

/// <summary>
/// The devices this silo offers to shard grains and how it announces them (configuration section
/// <c>Silo</c>; docs/placement.md).
/// </summary>
public sealed class DeviceOptions
{
    public const string SectionName = "Silo";
    public const int DefaultCpuSlots = 256;
    public const int DefaultCudaDeviceSlots = 4;
    public const string DefaultNvidiaSmi = "nvidia-smi";
    public static readonly TimeSpan DefaultDeviceRefreshInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The devices to announce, comma-separated, e.g. <c>cpu,cuda:0,cuda:1=81920</c> (<c>=N</c>:
    /// memory in MiB); the Helm chart sets it per silo pool (<c>Silo__Devices</c>). Empty (the
    /// default) discovers them: CUDA devices from <see cref="NvidiaSmi"/> when it answers, and
    /// <c>cpu</c>. A silo that lists no <c>cpu</c> takes no CPU shards.
    /// </summary>
    public string Devices { get; set; } = "";

    /// <summary>The entries of <see cref="Devices"/>, trimmed.</summary>
    public IReadOnlyList<string> DeviceList =>
        Devices.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Shard activations the silo's CPU device may hold (default 256).</summary>
    public int CpuSlots { get; set; } = DefaultCpuSlots;

    /// <summary>Shard activations one CUDA device may hold (default 4).</summary>
    public int CudaDeviceSlots { get; set; } = DefaultCudaDeviceSlots;

    /// <summary>How often the silo announces its devices and reads everyone's (default 5 s).</summary>
    public TimeSpan DeviceRefreshInterval { get; set; } = DefaultDeviceRefreshInterval;

    /// <summary>The program asked for CUDA devices when <see cref="Devices"/> is empty (default <c>nvidia-smi</c> on PATH); empty skips discovery.</summary>
    public string NvidiaSmi { get; set; } = DefaultNvidiaSmi;
}
