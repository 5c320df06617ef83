using System.Buffers;
using Cluster.Grains.Inference;

namespace Cluster.Grains.Onnx;

/// <summary>
/// The pooled arrays one Run's outputs were copied into, shared by every request of the batch
/// (each gets a window on its rows). Counted: the run holds one claim while it hands out windows,
/// each response one more (<see cref="Claim"/>); the arrays go back to the pool when the last
/// claim is released. A claim never released (a response sent to another process, a failed
/// batch) leaves its arrays to the garbage collector, never to reuse while still referenced.
/// </summary>
internal sealed class PooledOutputs
{
    private readonly List<byte[]> _arrays = new(2);
    private int _claims = 1;

    /// <summary>A pooled array of at least <paramref name="length"/> bytes, owned until the last release.</summary>
    public byte[] Rent(int length)
    {
        var array = ArrayPool<byte>.Shared.Rent(length);
        _arrays.Add(array);
        return array;
    }

    /// <summary>A further claim, for one response's windows.</summary>
    public IOutputLease Claim()
    {
        Interlocked.Increment(ref _claims);
        return new Handle(this);
    }

    /// <summary>Releases the run's own claim (after every response has its own).</summary>
    public void Release()
    {
        if (Interlocked.Decrement(ref _claims) != 0) return;
        foreach (var array in _arrays) ArrayPool<byte>.Shared.Return(array);
        _arrays.Clear();
    }

    private sealed class Handle(PooledOutputs owner) : IOutputLease
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) owner.Release();
        }
    }
}
