using Cluster.Grains.Repository;

namespace Cluster.Grains.Tests.Fixtures;

/// <summary>Compares tensor specs by value, shape included (records compare arrays by reference).</summary>
public sealed class TensorSpecComparer : IEqualityComparer<TensorSpec>
{
    public static TensorSpecComparer Instance { get; } = new();

    public bool Equals(TensorSpec? x, TensorSpec? y) =>
        x is not null && y is not null && x.Name == y.Name && x.DataType == y.DataType && x.Shape.SequenceEqual(y.Shape);

    public int GetHashCode(TensorSpec obj) => HashCode.Combine(obj.Name, obj.DataType, obj.Shape.Length);
}
