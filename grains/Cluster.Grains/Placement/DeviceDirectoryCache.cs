using Cluster.Grains.Inference;

namespace Cluster.Grains.Placement;

/// <summary>
/// This silo's copy of the cluster's device directory, refreshed by the silo's announcer, read by
/// the placement director without a grain call. Placements this silo decided are added on top
/// until the chosen silo announces the shard's allocation itself or, when it never does (the
/// activation failed or went elsewhere), until <see cref="PendingLifetime"/> has passed, so that
/// back-to-back placements spread.
/// </summary>
public sealed class DeviceDirectoryCache(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly List<Pending> _pending = [];
    private SiloDevices[] _silos = [];

    public TimeSpan PendingLifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether any announcement has arrived yet.</summary>
    public bool HasAnnouncements => Volatile.Read(ref _silos).Length > 0;

    public void Update(SiloDevices[] silos)
    {
        lock (_lock)
        {
            _silos = silos;
            var now = clock.GetUtcNow().UtcDateTime;
            _pending.RemoveAll(p => now - p.At > PendingLifetime || Holds(silos, p.Silo, p.Shard));
        }
    }

    /// <summary>Records that this silo placed <paramref name="shard"/> on <paramref name="device"/> of <paramref name="silo"/>.</summary>
    public void NotePlacement(SiloAddress silo, string device, ShardKey shard)
    {
        lock (_lock) _pending.Add(new Pending(silo, device, shard.ToString(), clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>The announcements with this silo's pending placements added to their devices.</summary>
    public SiloDevices[] View()
    {
        lock (_lock)
        {
            if (_pending.Count == 0) return _silos;
            return _silos.Select(s => s with
            {
                Devices = s.Devices.Select(d =>
                {
                    var extra = _pending.Where(p => p.Silo.Equals(s.Silo) && p.Device == d.Name && !Holds([s], s.Silo, p.Shard)).Select(p => p.Shard).ToArray();
                    return extra.Length == 0 ? d : d with { Allocations = [.. d.Allocations, .. extra] };
                }).ToArray(),
            }).ToArray();
        }
    }

    private static bool Holds(SiloDevices[] silos, SiloAddress silo, string shard) =>
        silos.Any(s => s.Silo.Equals(silo) && s.Devices.Any(d => d.Allocations.Contains(shard)));

    private sealed record class Pending(SiloAddress Silo, string Device, string Shard, DateTime At);
}
