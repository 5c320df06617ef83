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

    /// <summary>The shard's slot, where the silo that answers is remembered.</summary>
    public ShardSlot Slot => _slot;

    public void Dispose() => _slot.Exit();
}
