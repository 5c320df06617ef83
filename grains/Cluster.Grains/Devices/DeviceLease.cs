using Cluster.Grains.Onnx;

namespace Cluster.Grains.Devices;

/// <summary>One shard activation's hold on one slot of a device; disposing it gives the slot back (once).</summary>
public sealed class DeviceLease : IDisposable
{
    private readonly Action<DeviceLease> _release;
    private int _released;

    internal DeviceLease(string device, string shard, Action<DeviceLease> release)
    {
        Device = device;
        Shard = shard;
        _release = release;
    }

    /// <summary>The device, <c>cpu</c> or <c>cuda:N</c>.</summary>
    public string Device { get; }

    /// <summary>The shard key (<c>model/version/replica</c>) holding the slot.</summary>
    public string Shard { get; }

    /// <summary>The device as ONNX Runtime is asked for it.</summary>
    public DeviceSpec Spec => DeviceSpec.TryParse(Device, out var spec) ? spec : DeviceSpec.Cpu;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0) _release(this);
    }
}
