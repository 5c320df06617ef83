using System.Diagnostics.CodeAnalysis;
using Cluster.Grains.Inference;
using Cluster.Grains.Placement;
using Microsoft.Extensions.Logging;

namespace Cluster.Grains.Devices;

/// <summary>
/// Hands each shard activation on this silo a device slot: of the devices its model may use (for
/// <c>KIND_AUTO</c> CUDA first, then CPU), the one holding the fewest replicas of the same model
/// version, then the one with the most free slots, then the most free memory. The slot is held
/// until the activation gives its lease back. The silo's devices are discovered on first use.
/// </summary>
public sealed partial class DeviceAllocator(DeviceDiscovery discovery, ILogger<DeviceAllocator> logger)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<string>> _allocations = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<LocalDevice>> _devices = new(discovery.Discover);

    /// <summary>This silo's devices.</summary>
    public IReadOnlyList<LocalDevice> Devices => _devices.Value;

    public bool TryAllocate(ShardKey shard, DeviceRequirement need, [NotNullWhen(true)] out DeviceLease? lease, out string reason)
    {
        var key = shard.ToString();
        lock (_lock)
        {
            var device = Pick(need, shard, SnapshotLocked());
            if (device is null)
            {
                lease = null;
                var fitting = Devices.Where(d => need.Tiers.Any(t => d.Type == t && need.Accepts(t, d.Name))).Select(d => d.Name).ToArray();
                reason = fitting.Length > 0
                    ? $"every slot of {string.Join(", ", fitting)} on this silo is taken"
                    : $"this silo has no such device (it has {string.Join(", ", Devices.Select(d => d.Name).DefaultIfEmpty("none"))})";
                return false;
            }
            lease = Hold(device, key);
        }
        reason = "";
        LogAllocated(logger, key, lease.Device);
        return true;
    }

    /// <summary>
    /// Moves a lease to the device the session actually runs on (an <c>auto</c> model that fell
    /// back to CPU), over capacity if need be; a silo that does not announce that device keeps the
    /// slot where it was.
    /// </summary>
    public DeviceLease Reassign(DeviceLease lease, string device)
    {
        if (lease.Device == device || !Devices.Any(d => d.Name == device)) return lease;
        lease.Dispose();
        lock (_lock) return Hold(device, lease.Shard);
    }

    /// <summary>This silo's devices with their current allocations, as announced.</summary>
    public DeviceStatus[] Snapshot()
    {
        lock (_lock) return SnapshotLocked();
    }

    /// <summary>The device a shard of <paramref name="shard"/>'s version takes among <paramref name="devices"/>; null when none fits.</summary>
    public static string? Pick(DeviceRequirement need, ShardKey shard, IReadOnlyList<DeviceStatus> devices)
    {
        foreach (var tier in need.Tiers)
        {
            var best = devices
                .Where(d => d.Type == tier && need.Accepts(tier, d.Name) && d.FreeSlots > 0)
                .OrderBy(d => DeviceRequirement.ReplicasOf(shard, d.Allocations))
                .ThenByDescending(d => d.FreeSlots)
                .ThenByDescending(d => d.FreeMemoryBytes)
                .ThenBy(d => d.Name, StringComparer.Ordinal)
                .FirstOrDefault();
            if (best is not null) return best.Name;
        }
        return null;
    }

    private DeviceLease Hold(string device, string shard)
    {
        if (!_allocations.TryGetValue(device, out var holders)) _allocations[device] = holders = [];
        holders.Add(shard);
        return new DeviceLease(device, shard, Release);
    }

    private void Release(DeviceLease lease)
    {
        lock (_lock)
        {
            if (_allocations.TryGetValue(lease.Device, out var holders)) holders.Remove(lease.Shard);
        }
        LogReleased(logger, lease.Shard, lease.Device);
    }

    private DeviceStatus[] SnapshotLocked() => Devices
        .Select(d => new DeviceStatus(d.Name, d.Type, d.TotalMemoryBytes, d.FreeMemoryBytes, d.Slots,
            _allocations.TryGetValue(d.Name, out var holders) ? [.. holders] : []))
        .ToArray();
}
