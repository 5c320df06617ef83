using System.Buffers;
using Cluster.Grains.Onnx;

namespace Cluster.Grains.Tests.Onnx;

/// <summary>
/// The pooled output buffers of one Run go back to the pool only when the run and every response
/// have released their claims: a buffer returned early would be handed to another batch while a
/// response still points into it. (The shared pool keeps a returned array in the returning
/// thread's slot, so a Rent on this thread shows whether it came back.)
/// </summary>
public sealed class PooledOutputsTests
{
    // A size no other test on this thread rents, so the thread's pool slot for it starts empty.
    private const int Size = 3_000_017;

    [Fact]
    public void ArraysGoBackToThePoolOnlyWhenTheLastClaimIsReleasedAndADoubleReleaseCountsOnce()
    {
        var outputs = new PooledOutputs();
        var array = outputs.Rent(Size);
        var first = outputs.Claim();
        var second = outputs.Claim();
        outputs.Release();
        first.Dispose();
        first.Dispose();

        var whileHeld = ArrayPool<byte>.Shared.Rent(Size);
        Assert.NotSame(array, whileHeld);

        second.Dispose();
        var afterLast = ArrayPool<byte>.Shared.Rent(Size);
        Assert.Same(array, afterLast);

        ArrayPool<byte>.Shared.Return(afterLast);
        ArrayPool<byte>.Shared.Return(whileHeld);
    }

    [Fact]
    public void ARunWhoseResponsesNeverClaimedGivesItsArraysBackOnItsOwnRelease()
    {
        var outputs = new PooledOutputs();
        var array = outputs.Rent(Size + 1);
        outputs.Release();
        var again = ArrayPool<byte>.Shared.Rent(Size + 1);
        Assert.Same(array, again);
        ArrayPool<byte>.Shared.Return(again);
    }
}
