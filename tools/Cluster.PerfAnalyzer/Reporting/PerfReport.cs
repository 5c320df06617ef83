using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>Everything one run measured, as written to JSON and Markdown.</summary>
public sealed record PerfReport(RunInfo Run, IReadOnlyList<ConcurrencyResult> Results, BatchSweepResult? BatchSweep = null)
{
    /// <summary>Failed gRPC requests over all levels and endpoints.</summary>
    public long ClusterFailures => Results.Sum(r => r.Endpoints.Sum(e => e.FailedRequests));
}
