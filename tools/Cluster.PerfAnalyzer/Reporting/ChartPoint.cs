namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>One load level of one target: its throughput, p50 and p99 latency, and the level's label.</summary>
public sealed record ChartPoint(double InferencesPerSecond, double P50Ms, double P99Ms, string Level);
