using System.Globalization;

namespace Cluster.Grains.Inference;

/// <summary>The key of an inference shard grain: <c>model/version/replica</c>.</summary>
public readonly record struct ShardKey(string Model, long Version, int Replica)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Model}/{Version}/{Replica}");

    public static ShardKey Parse(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 3
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var replica))
        {
            throw new FormatException($"Shard key '{key}' is not of the form model/version/replica.");
        }
        return new ShardKey(parts[0], version, replica);
    }
}
