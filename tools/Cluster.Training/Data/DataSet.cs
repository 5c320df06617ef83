namespace Cluster.Training;

/// <summary>Rows of features with a binary label (1 = the positive class).</summary>
public sealed class DataSet
{
    public DataSet(IReadOnlyList<double[]> features, IReadOnlyList<int> labels)
    {
        if (features.Count != labels.Count)
            throw new ArgumentException($"{features.Count} feature rows but {labels.Count} labels.", nameof(labels));
        if (features.Count == 0)
            throw new ArgumentException("A data set needs at least one row.", nameof(features));

        FeatureCount = features[0].Length;
        if (features.Any(row => row.Length != FeatureCount))
            throw new ArgumentException($"Every row must have {FeatureCount} features.", nameof(features));
        if (labels.Any(label => label is not (0 or 1)))
            throw new ArgumentException("Labels must be 0 or 1.", nameof(labels));

        Features = features;
        Labels = labels;
    }

    public IReadOnlyList<double[]> Features { get; }

    public IReadOnlyList<int> Labels { get; }

    public int FeatureCount { get; }

    public int Count => Labels.Count;

    public int PositiveCount => Labels.Count(label => label == 1);

    /// <summary>The rows at <paramref name="indices"/>, in that order.</summary>
    public DataSet Subset(IEnumerable<int> indices)
    {
        var rows = indices.ToArray();
        return new DataSet([.. rows.Select(i => Features[i])], [.. rows.Select(i => Labels[i])]);
    }
}
