namespace Cluster.Training;

/// <summary>Per-feature mean and standard deviation, learnt from training rows only.</summary>
public sealed class Standardizer
{
    private Standardizer(double[] mean, double[] scale)
    {
        Mean = mean;
        Scale = scale;
    }

    public IReadOnlyList<double> Mean { get; }

    /// <summary>The population standard deviation; 1 for a constant feature, so it cannot divide by zero.</summary>
    public IReadOnlyList<double> Scale { get; }

    public static Standardizer Fit(DataSet data)
    {
        var mean = new double[data.FeatureCount];
        var scale = new double[data.FeatureCount];
        for (var j = 0; j < data.FeatureCount; j++)
        {
            var column = data.Features.Select(row => row[j]).ToArray();
            mean[j] = column.Average();
            var variance = column.Sum(value => (value - mean[j]) * (value - mean[j])) / column.Length;
            scale[j] = variance > 0 ? Math.Sqrt(variance) : 1.0;
        }

        return new Standardizer(mean, scale);
    }

    public double[] Transform(double[] row)
    {
        var standardized = new double[row.Length];
        for (var j = 0; j < row.Length; j++)
            standardized[j] = (row[j] - Mean[j]) / Scale[j];
        return standardized;
    }
}
