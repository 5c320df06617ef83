using Cluster.Grains.Inference;
using Cluster.Grains.Onnx;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Placement;

/// <summary>
/// What a shard needs from a device, from its model's instance group: <c>KIND_CPU</c> a CPU,
/// <c>KIND_GPU</c> a CUDA device (one of <c>gpus</c> when the config lists them), <c>KIND_AUTO</c>
/// a CUDA device when one has a free slot, else a CPU.
/// </summary>
public sealed record class DeviceRequirement(DeviceKind Kind, IReadOnlyList<int> Gpus)
{
    public static DeviceRequirement Cpu { get; } = new(DeviceKind.Cpu, []);

    public static DeviceRequirement For(ModelVersionDescriptor descriptor)
    {
        if (!DeviceSpec.TryParse(descriptor.Device, out var spec)) spec = new DeviceSpec(DeviceKind.Auto, 0);
        return new DeviceRequirement(spec.Kind, descriptor.Gpus);
    }

    /// <summary>The device types to try, best first.</summary>
    public IReadOnlyList<DeviceType> Tiers => Kind switch
    {
        DeviceKind.Cpu => [DeviceType.Cpu],
        DeviceKind.Cuda => [DeviceType.Cuda],
        _ => [DeviceType.Cuda, DeviceType.Cpu],
    };

    public bool Accepts(DeviceType tier, string deviceName)
    {
        if (tier == DeviceType.Cpu) return deviceName == "cpu";
        if (!DeviceSpec.TryParse(deviceName, out var spec) || spec.Kind != DeviceKind.Cuda) return false;
        return Gpus.Count == 0 || Gpus.Contains(spec.CudaDevice);
    }

    /// <summary>The need in words, for messages: "a CUDA device (instance_group KIND_GPU)".</summary>
    public string Describe() => Kind switch
    {
        DeviceKind.Cpu => "a CPU device (instance_group KIND_CPU)",
        DeviceKind.Cuda when Gpus.Count > 0 => $"CUDA device {string.Join(" or ", Gpus)} (instance_group KIND_GPU)",
        DeviceKind.Cuda => "a CUDA device (instance_group KIND_GPU)",
        _ => "a CUDA or CPU device (instance_group KIND_AUTO)",
    };

    /// <summary>How many allocations on a device hold a replica of <paramref name="shard"/>'s model version.</summary>
    public static int ReplicasOf(ShardKey shard, IEnumerable<string> allocations)
    {
        var prefix = $"{shard.Model}/{shard.Version}/";
        return allocations.Count(a => a.StartsWith(prefix, StringComparison.Ordinal));
    }
}
