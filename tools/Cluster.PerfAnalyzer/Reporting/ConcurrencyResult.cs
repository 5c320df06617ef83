using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>One concurrency level: the cluster (absent with --baseline-only), the baseline, and how they compare.</summary>
public sealed record ConcurrencyResult(int Concurrency, LoadResult? Cluster, LoadResult Baseline)
{
    public Comparison Comparison => Comparison.Of(Cluster, Baseline);
}
