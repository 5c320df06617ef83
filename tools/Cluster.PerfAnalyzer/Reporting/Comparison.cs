using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>One measurement against another at one concurrency; null where either side has no successes.</summary>
public sealed record Comparison(double? ThroughputRatio, double? P50DeltaMs, double? P99DeltaMs)
{
    /// <summary><paramref name="measured"/> ÷ <paramref name="reference"/> in inferences/s, and its latency percentiles minus the reference's.</summary>
    public static Comparison Of(LoadResult? measured, LoadResult? reference) => new(
        measured is null || reference is null || reference.InferencesPerSecond == 0 ? null : measured.InferencesPerSecond / reference.InferencesPerSecond,
        measured?.Latency is { } m && reference?.Latency is { } r ? m.P50Ms - r.P50Ms : null,
        measured?.Latency is { } m99 && reference?.Latency is { } r99 ? m99.P99Ms - r99.P99Ms : null);
}
