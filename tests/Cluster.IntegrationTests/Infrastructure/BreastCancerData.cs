using System.Globalization;

namespace Cluster.IntegrationTests.Infrastructure;

/// <summary>The Wisconsin breast cancer rows shipped with the repository (30 features each).</summary>
public static class BreastCancerData
{
    public static float[][] Rows { get; } = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"))
        .Skip(1)
        .Where(l => l.Length > 0)
        .Select(l => l.Split(',').Take(30).Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())
        .ToArray();
}
