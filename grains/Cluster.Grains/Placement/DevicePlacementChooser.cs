using Cluster.Grains.Inference;

namespace Cluster.Grains.Placement;

/// <summary>
/// The placement rule (docs/placement.md), pure. Of the candidate silos' devices that fit the
/// requirement and have a free slot (for <c>KIND_AUTO</c> CUDA devices first, CPU only when no
/// CUDA slot is free), keep those whose silo, then device, holds the fewest replicas of the shard's
/// model version; rank them by free slots, then free memory, then address. Replica <c>r</c> takes
/// the first of that ranking, shifted by the number of lower replicas the view does not show: two
/// silos deciding at once from views that miss each other's choices still spread the replicas.
/// </summary>
public static class DevicePlacementChooser
{
    public static PlacementChoice? Choose(DeviceRequirement need, ShardKey shard, IReadOnlyList<SiloDevices> candidates)
    {
        foreach (var tier in need.Tiers)
        {
            var options = (
                from s in candidates
                let siloReplicas = s.Devices.Sum(d => DeviceRequirement.ReplicasOf(shard, d.Allocations))
                from d in s.Devices
                where d.Type == tier && need.Accepts(tier, d.Name) && d.FreeSlots > 0
                select (Silo: s.Silo, Device: d, SiloReplicas: siloReplicas, DeviceReplicas: DeviceRequirement.ReplicasOf(shard, d.Allocations))).ToList();
            if (options.Count == 0) continue;
            var fewest = options.Min(o => (o.SiloReplicas, o.DeviceReplicas));
            var ranked = options
                .Where(o => (o.SiloReplicas, o.DeviceReplicas) == fewest)
                .OrderByDescending(o => o.Device.FreeSlots)
                .ThenByDescending(o => o.Device.FreeMemoryBytes)
                .ThenBy(o => o.Silo.ToParsableString(), StringComparer.Ordinal)
                .ThenBy(o => o.Device.Name, StringComparer.Ordinal)
                .ToList();
            var pick = ranked[UnseenLowerReplicas(shard, candidates) % ranked.Count];
            return new PlacementChoice(pick.Silo, pick.Device.Name);
        }
        return null;
    }

    /// <summary>Why <see cref="Choose"/> found nothing, for the shard's UNAVAILABLE message.</summary>
    public static string Explain(DeviceRequirement need, IReadOnlyList<SiloDevices> silos)
    {
        var fitting = silos.SelectMany(s => s.Devices).Where(d => need.Tiers.Any(t => d.Type == t && need.Accepts(t, d.Name))).ToList();
        if (silos.Count == 0) return "no silo has announced its devices yet";
        if (fitting.Count == 0)
            return $"no silo in the cluster announces one ({silos.Count} silo(s) announce {string.Join(", ", silos.SelectMany(s => s.Devices).Select(d => d.Name).Distinct().Order(StringComparer.Ordinal))})";
        return fitting.Any(d => d.FreeSlots > 0)
            ? "another silo has a free slot; the next call is placed again"
            : $"every slot of the {fitting.Count} such device(s) in the cluster is taken";
    }

    private static int UnseenLowerReplicas(ShardKey shard, IReadOnlyList<SiloDevices> silos)
    {
        var seen = silos.SelectMany(s => s.Devices).SelectMany(d => d.Allocations).ToHashSet(StringComparer.Ordinal);
        var unseen = 0;
        for (var r = 0; r < shard.Replica; r++)
            if (!seen.Contains((shard with { Replica = r }).ToString())) unseen++;
        return unseen;
    }
}
