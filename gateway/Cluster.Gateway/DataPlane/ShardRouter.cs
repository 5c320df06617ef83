using System.Collections.Concurrent;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;

namespace Cluster.Gateway.DataPlane;

/// <summary>
/// Picks the shard grain for a request. With one replica that is replica 0; with several, the one
/// with fewer requests in flight from this gateway of two chosen at random (power of two choices).
/// </summary>
public sealed class ShardRouter(IClusterClient client)
{
    private readonly ConcurrentDictionary<string, ShardSlot> _slots = new(StringComparer.Ordinal);

    public ShardLease Acquire(ModelVersionDescriptor model)
    {
        var replicas = Math.Max(1, model.InstanceCount);
        var replica = 0;
        if (replicas > 1)
        {
            var a = Random.Shared.Next(replicas);
            var b = Random.Shared.Next(replicas - 1);
            if (b >= a) b++;
            replica = Slot(model, a).Outstanding <= Slot(model, b).Outstanding ? a : b;
        }
        return new ShardLease(Slot(model, replica));
    }

    /// <summary>Every replica of a model version, for statistics.</summary>
    public IEnumerable<IInferenceShardGrain> All(ModelVersionDescriptor model) =>
        Enumerable.Range(0, Math.Max(1, model.InstanceCount)).Select(r => Slot(model, r).Grain);

    private ShardSlot Slot(ModelVersionDescriptor model, int replica)
    {
        var key = new ShardKey(model.Name, model.Version, replica).ToString();
        return _slots.GetOrAdd(key, k => new ShardSlot(client.GetGrain<IInferenceShardGrain>(k)));
    }
}
