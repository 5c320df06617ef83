namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>One target's points on the latency-throughput chart.</summary>
public sealed record ChartSeries(string Target, IReadOnlyList<ChartPoint> Points);
