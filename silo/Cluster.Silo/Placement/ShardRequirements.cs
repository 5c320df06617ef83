using System.Collections.Concurrent;
using Cluster.Grains.Inference;
using Cluster.Grains.Placement;
using Cluster.Grains.Repository;

namespace Cluster.Silo.Placement;

/// <summary>
/// What each model version's shards need from a device, asked of the repository grain once per
/// version and kept (a registered version is immutable). A version that is missing or not
/// servable is not kept, and has no requirement: its shard needs no device.
/// </summary>
internal sealed class ShardRequirements(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<(string Model, long Version), DeviceRequirement> _known = new();

    public async ValueTask<DeviceRequirement?> Get(ShardKey shard)
    {
        if (_known.TryGetValue((shard.Model, shard.Version), out var need)) return need;
        var descriptor = await grains.GetGrain<IModelRepositoryGrain>(IModelRepositoryGrain.DefaultKey).GetVersion(shard.Model, shard.Version);
        if (descriptor is not { IsReady: true }) return null;
        need = DeviceRequirement.For(descriptor);
        _known[(shard.Model, shard.Version)] = need;
        return need;
    }
}
