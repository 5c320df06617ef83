using System.Diagnostics;

namespace Cluster.PerfAnalyzer.Latency;

/// <summary>Latency statistics in milliseconds over every caller's successful requests (nearest-rank percentiles).</summary>
public sealed record LatencySummary(
    long Count,
    double MeanMs,
    double MinMs,
    double P50Ms,
    double P90Ms,
    double P95Ms,
    double P99Ms,
    double MaxMs)
{
    /// <summary>The summary of all recorders together, or null when none recorded a success.</summary>
    public static LatencySummary? From(IEnumerable<LatencyRecorder> recorders)
    {
        var all = recorders.SelectMany(r => r.Ticks).ToArray();
        if (all.Length == 0) return null;
        Array.Sort(all);
        return new LatencySummary(
            all.Length,
            ToMs(all.Average(t => (double)t)),
            ToMs(all[0]),
            ToMs(Percentile(all, 50)),
            ToMs(Percentile(all, 90)),
            ToMs(Percentile(all, 95)),
            ToMs(Percentile(all, 99)),
            ToMs(all[^1]));
    }

    /// <summary>The nearest-rank percentile of sorted values: the smallest value with at least p% at or below it.</summary>
    public static long Percentile(long[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static double ToMs(double ticks) => ticks * 1000 / Stopwatch.Frequency;
}
