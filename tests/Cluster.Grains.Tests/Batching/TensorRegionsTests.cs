using Cluster.Grains.Inference.Batching;

namespace Cluster.Grains.Tests.Batching;

public sealed class TensorRegionsTests
{
    [Fact]
    public void ABoxIsPaddedIntoALargerTensorAtARowAndCutBackOut()
    {
        // Source [2, 2, 3] = 0..11; target [3, 3, 4], source placed at row 1.
        var source = Enumerable.Range(1, 12).ToArray();
        var target = new int[3 * 3 * 4];

        TensorRegions.Copy<int>(source, [2, 2, 3], 0, target, [3, 3, 4], 1, [2, 2, 3], 1);

        int At(int r, int i, int j) => target[r * 12 + i * 4 + j];
        Assert.All(target[..12], v => Assert.Equal(0, v));
        Assert.Equal([1, 2, 3, 0], Enumerable.Range(0, 4).Select(j => At(1, 0, j)));
        Assert.Equal([4, 5, 6, 0], Enumerable.Range(0, 4).Select(j => At(1, 1, j)));
        Assert.Equal([0, 0, 0, 0], Enumerable.Range(0, 4).Select(j => At(1, 2, j)));
        Assert.Equal([10, 11, 12, 0], Enumerable.Range(0, 4).Select(j => At(2, 1, j)));

        var back = new int[12];
        TensorRegions.Copy<int>(target, [3, 3, 4], 1, back, [2, 2, 3], 0, [2, 2, 3], 1);
        Assert.Equal(source, back);
    }

    [Fact]
    public void RowsOfEqualShapeAreCopiedAsOneBlockInUnitsOfTheElementSize()
    {
        var source = Enumerable.Range(1, 8).Select(i => (byte)i).ToArray();
        var target = new byte[16];

        TensorRegions.Copy<byte>(source, [1, 2], 0, target, [2, 2], 1, [1, 2], 4);

        Assert.Equal([.. new byte[8], .. source], target);
    }
}
