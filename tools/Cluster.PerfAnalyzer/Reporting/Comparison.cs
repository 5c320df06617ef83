using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>The cluster against the baseline at one concurrency; null where either side has no successes.</summary>
public sealed record Comparison(double? ThroughputRatio, double? P50DeltaMs, double? P99DeltaMs)
{
    public static Comparison Of(LoadResult? cluster, LoadResult baseline) => new(
        cluster is null || baseline.InferencesPerSecond == 0 ? null : cluster.InferencesPerSecond / baseline.InferencesPerSecond,
        cluster?.Latency is { } c && baseline.Latency is { } b ? c.P50Ms - b.P50Ms : null,
        cluster?.Latency is { } c99 && baseline.Latency is { } b99 ? c99.P99Ms - b99.P99Ms : null);
}
