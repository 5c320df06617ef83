using System.Globalization;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>
/// How a ratio measured once per round spreads over the rounds: its mean, a 95 % confidence
/// interval of that mean (Student's t over the rounds, which the alternating order makes paired
/// and close to independent), the median and the extremes. One run's single ratio hides whether the
/// machine's noise is larger than the difference asked about; this shows it.
/// </summary>
public sealed record RatioSpread(int Rounds, double Mean, double Median, double Min, double Max, double? Low95, double? High95)
{
    /// <summary>Two-sided 95 % quantiles of Student's t for 1 to 30 degrees of freedom.</summary>
    private static readonly double[] T95 =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

    /// <summary>The spread of <paramref name="ratios"/> (at least one); the interval needs two.</summary>
    public static RatioSpread Of(IReadOnlyList<double> ratios)
    {
        ArgumentOutOfRangeException.ThrowIfZero(ratios.Count);
        var sorted = ratios.Order().ToArray();
        var n = sorted.Length;
        var mean = sorted.Average();
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        if (n < 2) return new RatioSpread(n, mean, median, sorted[0], sorted[^1], null, null);
        var sd = Math.Sqrt(sorted.Sum(r => (r - mean) * (r - mean)) / (n - 1));
        var half = T(n - 1) * sd / Math.Sqrt(n);
        return new RatioSpread(n, mean, median, sorted[0], sorted[^1], mean - half, mean + half);
    }

    /// <summary>"mean 0.996 (95 % CI 0.951-1.041), median 0.990, range 0.930-1.070 over 8 rounds".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"mean {Mean:0.000}{(Low95 is { } low && High95 is { } high ? $" (95 % CI {low:0.000}-{high:0.000})" : "")}, median {Median:0.000}, range {Min:0.000}-{Max:0.000} over {Rounds} round{(Rounds == 1 ? "" : "s")}");

    private static double T(int degrees) => degrees <= T95.Length ? T95[degrees - 1] : 1.960;
}
