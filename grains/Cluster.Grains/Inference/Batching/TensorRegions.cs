namespace Cluster.Grains.Inference.Batching;

/// <summary>
/// Copies a box of a row-major tensor into another: how requests are padded into a batch and how
/// each request's slice is cut out of the batch's outputs.
/// </summary>
internal static class TensorRegions
{
    /// <summary>
    /// Copies <paramref name="region"/> (no larger than either tensor on any axis) from
    /// <paramref name="source"/>, starting at row <paramref name="sourceRow"/> of axis 0, to
    /// <paramref name="target"/> at row <paramref name="targetRow"/>; other axes start at 0. Shapes
    /// count elements; <paramref name="unit"/> is the span items per element (the element size for
    /// raw bytes, 1 for BYTES elements). What the region leaves out of the target is untouched.
    /// </summary>
    public static void Copy<T>(
        ReadOnlySpan<T> source, long[] sourceShape, long sourceRow,
        Span<T> target, long[] targetShape, long targetRow,
        long[] region, int unit)
    {
        var rank = region.Length;
        if (rank == 0)
        {
            source[..unit].CopyTo(target);
            return;
        }
        foreach (var d in region)
        {
            if (d == 0) return;
        }
        var sourceStrides = Strides(sourceShape, unit);
        var targetStrides = Strides(targetShape, unit);
        var sourceBase = sourceRow * sourceStrides[0];
        var targetBase = targetRow * targetStrides[0];
        if (SameTail(sourceShape, region) && SameTail(targetShape, region))
        {
            var length = checked((int)(region[0] * sourceStrides[0]));
            source.Slice(checked((int)sourceBase), length).CopyTo(target.Slice(checked((int)targetBase), length));
            return;
        }
        // Rank 2 or more here: copy one innermost run per index of the outer axes.
        var run = checked((int)(region[rank - 1] * unit));
        var index = new long[rank - 1];
        while (true)
        {
            long s = sourceBase, t = targetBase;
            for (var k = 0; k < index.Length; k++)
            {
                s += index[k] * sourceStrides[k];
                t += index[k] * targetStrides[k];
            }
            source.Slice((int)s, run).CopyTo(target.Slice((int)t, run));
            var axis = index.Length - 1;
            while (axis >= 0 && ++index[axis] == region[axis])
            {
                index[axis] = 0;
                axis--;
            }
            if (axis < 0) return;
        }
    }

    /// <summary>Whether two shapes agree on every axis after the first.</summary>
    public static bool SameTail(long[] a, long[] b)
    {
        if (a.Length != b.Length) return false;
        for (var i = 1; i < a.Length; i++)
        {
            if (a[i] != b[i]) return false;
        }
        return true;
    }

    /// <summary>Items per row (elements after the first axis times <paramref name="unit"/>).</summary>
    public static long RowLength(long[] shape, int unit)
    {
        long n = unit;
        for (var i = 1; i < shape.Length; i++) n *= shape[i];
        return n;
    }

    private static long[] Strides(long[] shape, int unit)
    {
        var strides = new long[shape.Length];
        long stride = unit;
        for (var i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }
}
