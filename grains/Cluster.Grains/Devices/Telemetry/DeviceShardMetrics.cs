using Cluster.Grains.Inference;
using Cluster.Grains.Placement;
using Prometheus;

namespace Cluster.Grains.Devices.Telemetry;

/// <summary>
/// Where this silo's shards run, from the device allocator: <c>cluster_device_slots{device}</c> (slots
/// the device offers), <c>cluster_device_shards{device}</c> (shard activations holding one) and
/// <c>cluster_shard_device_info{model,version,device}</c> (replicas of that model version on the
/// device; the series goes when the last one leaves). Every device the silo announces, <c>cpu</c> included.
/// </summary>
public sealed class DeviceShardMetrics
{
    private readonly Gauge _slots;
    private readonly Gauge _shards;
    private readonly Gauge _placed;
    private HashSet<(string Model, string Version, string Device)> _published = [];

    public DeviceShardMetrics(CollectorRegistry registry)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _slots = factory.CreateGauge("cluster_device_slots", "Shard slots a device of this silo offers.", "device");
        _shards = factory.CreateGauge("cluster_device_shards", "Inference shard activations holding a slot on a device of this silo.", "device");
        _placed = factory.CreateGauge("cluster_shard_device_info",
            "Replicas of a model version holding a slot on a device of this silo.", "model", "version", "device");
    }

    public void Update(IReadOnlyList<DeviceStatus> devices)
    {
        var published = new HashSet<(string, string, string)>();
        foreach (var device in devices)
        {
            _slots.WithLabels(device.Name).Set(device.Slots);
            _shards.WithLabels(device.Name).Set(device.Allocations.Length);
            foreach (var group in device.Allocations.Select(Version).GroupBy(v => v))
            {
                published.Add((group.Key.Model, group.Key.Version, device.Name));
                _placed.WithLabels(group.Key.Model, group.Key.Version, device.Name).Set(group.Count());
            }
        }
        foreach (var (model, version, device) in _published.Where(p => !published.Contains(p))) _placed.RemoveLabelled(model, version, device);
        _published = published;
    }

    private static (string Model, string Version) Version(string shard)
    {
        var key = ShardKey.Parse(shard);
        return (key.Model, key.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
