using Cluster.Grains.Inference;

namespace Cluster.Gateway.DataPlane;

/// <summary>A shard grain reference and this gateway's count of requests in flight to it.</summary>
public sealed class ShardSlot(IInferenceShardGrain grain)
{
    private int _outstanding;

    public IInferenceShardGrain Grain { get; } = grain;
    public int Outstanding => Volatile.Read(ref _outstanding);

    /// <summary>The silo that last answered for this shard (its <c>RuntimeIdentity</c>), where its activation is believed to live; null before the first answer.</summary>
    public string? Silo
    {
        get => Volatile.Read(ref _silo);
        set { if (!string.IsNullOrEmpty(value)) Volatile.Write(ref _silo, value); }
    }

    /// <summary>Forgets <paramref name="silo"/> as the shard's home (it left the cluster) unless another answer has replaced it meanwhile.</summary>
    public void Forget(string silo) => Interlocked.CompareExchange(ref _silo, null, silo);

    private string? _silo;

    internal void Enter() => Interlocked.Increment(ref _outstanding);
    internal void Exit() => Interlocked.Decrement(ref _outstanding);
}
