using System.Globalization;

namespace Cluster.Client.Tensors;

/// <summary>Shape arithmetic and formatting.</summary>
public static class TensorShape
{
    /// <summary>Elements in a tensor of <paramref name="shape"/> (1 for a scalar, shape <c>[]</c>).</summary>
    public static long ElementCount(IReadOnlyList<long> shape)
    {
        long count = 1;
        foreach (var dim in shape)
        {
            if (dim < 0) throw new TensorFormatException($"shape {Format(shape)} has a negative dimension");
            try
            {
                count = checked(count * dim);
            }
            catch (OverflowException)
            {
                throw new TensorFormatException($"shape {Format(shape)} is too large");
            }
        }
        return count;
    }

    /// <summary><c>[1,30]</c>.</summary>
    public static string Format(IEnumerable<long> shape) =>
        "[" + string.Join(",", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}
