using Cluster.Grains.Inference;

namespace Cluster.Gateway.DataPlane;

/// <summary>One request's hold on a shard; disposing it ends the in-flight count.</summary>
public readonly struct ShardLease : IDisposable
{
    private readonly ShardSlot _slot;

    public ShardLease(ShardSlot slot)
    {
        _slot = slot;
        slot.Enter();
    }

    public IInferenceShardGrain Grain => _slot.Grain;

    public void Dispose() => _slot.Exit();
}
