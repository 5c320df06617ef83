using System.Text.Json.Serialization;
using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>
/// One concurrency level: the cluster (absent with --baseline-only), the comparison endpoint
/// (only with --compare-endpoint), the baseline (absent with --no-baseline), and how they compare.
/// </summary>
public sealed record ConcurrencyResult(int Concurrency, LoadResult? Cluster, LoadResult? Compare, LoadResult? Baseline)
{
    /// <summary>The cluster against the in-process baseline.</summary>
    public Comparison Comparison => Comparison.Of(Cluster, Baseline);

    /// <summary>The cluster against the comparison endpoint (null without --compare-endpoint).</summary>
    public Comparison? VersusCompare => Compare is null ? null : Comparison.Of(Cluster, Compare);

    /// <summary>With a comparison endpoint: the primary against it round by round (how far the rounds spread); null otherwise.</summary>
    public RoundRatios? Rounds { get; init; }

    /// <summary>In fixed-rate mode, the requests per second offered (then <see cref="Concurrency"/> is the most in flight).</summary>
    public double? RequestRate { get; init; }

    /// <summary>The in-process sweep's best rows/s (the reference of the two ratios below); null without a sweep.</summary>
    public double? BestInProcessInferencesPerSecond { get; init; }

    /// <summary>The cluster's rows/s over in-process ONNX Runtime at its best batch size.</summary>
    public double? ClusterOverBestInProcess => Ratio(Cluster);

    /// <summary>The comparison endpoint's rows/s over in-process ONNX Runtime at its best batch size.</summary>
    public double? CompareOverBestInProcess => Ratio(Compare);

    /// <summary>How the level reads in tables: <c>16</c> (callers) or <c>200/s</c> (fixed rate).</summary>
    [JsonIgnore]
    public string Level => new LoadLevel(Concurrency, RequestRate).Label;

    /// <summary>The gRPC sides, those measured.</summary>
    [JsonIgnore]
    public IEnumerable<LoadResult> Endpoints => new[] { Cluster, Compare }.OfType<LoadResult>();

    private double? Ratio(LoadResult? side) =>
        side is null || BestInProcessInferencesPerSecond is not > 0 ? null : side.InferencesPerSecond / BestInProcessInferencesPerSecond;
}
