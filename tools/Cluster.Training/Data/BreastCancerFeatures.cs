namespace Cluster.Training;

/// <summary>The 30 features of the Wisconsin Diagnostic data set, in its column order.</summary>
public static class BreastCancerFeatures
{
    public const int Count = 30;

    private static readonly string[] s_measurements =
    [
        "radius", "texture", "perimeter", "area", "smoothness",
        "compactness", "concavity", "concave points", "symmetry", "fractal dimension",
    ];

    /// <summary>Columns 0-9 are means, 10-19 standard errors, 20-29 "worst" (largest) values.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. s_measurements.Select(name => $"mean {name}"),
        .. s_measurements.Select(name => $"{name} error"),
        .. s_measurements.Select(name => $"worst {name}"),
    ];
}
