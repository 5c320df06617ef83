namespace Cluster.Grains.Repository;

/// <summary>Shape arithmetic shared by the gateway and the shards.</summary>
public static class TensorShape
{
    /// <summary>Formats a shape as <c>[2,30]</c>.</summary>
    public static string Format(ReadOnlySpan<long> shape) => "[" + string.Join(',', shape.ToArray()) + "]";

    /// <summary>
    /// The element count of a concrete shape, or null when a dimension is negative or the count
    /// overflows <paramref name="limit"/>.
    /// </summary>
    public static long? ElementCount(ReadOnlySpan<long> shape, long limit = long.MaxValue)
    {
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) return null;
            if (d != 0 && count > limit / d) return null;
            count *= d;
        }
        return count;
    }
}
