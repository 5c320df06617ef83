namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>Everything one run measured, as written to JSON and Markdown.</summary>
public sealed record PerfReport(RunInfo Run, IReadOnlyList<ConcurrencyResult> Results)
{
    /// <summary>Failed cluster requests over all levels.</summary>
    public long ClusterFailures => Results.Sum(r => r.Cluster?.FailedRequests ?? 0);
}
