using Cluster.Grains.Inference;

namespace Cluster.Gateway.DataPlane;

/// <summary>A shard grain reference and this gateway's count of requests in flight to it.</summary>
public sealed class ShardSlot(IInferenceShardGrain grain)
{
    private int _outstanding;

    public IInferenceShardGrain Grain { get; } = grain;
    public int Outstanding => Volatile.Read(ref _outstanding);

    internal void Enter() => Interlocked.Increment(ref _outstanding);
    internal void Exit() => Interlocked.Decrement(ref _outstanding);
}
