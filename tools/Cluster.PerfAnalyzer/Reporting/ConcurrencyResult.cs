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

    /// <summary>The gRPC sides, those measured.</summary>
    [JsonIgnore]
    public IEnumerable<LoadResult> Endpoints => new[] { Cluster, Compare }.OfType<LoadResult>();
}
