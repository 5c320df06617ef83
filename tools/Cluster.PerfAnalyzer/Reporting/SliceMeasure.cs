namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>One endpoint's counted part of one alternating slice: successes, rows, seconds, and each named process's CPU seconds (null without <c>--cpu-pid</c>).</summary>
public sealed record SliceMeasure(long Requests, long Inferences, double Seconds, IReadOnlyDictionary<string, double>? CpuSeconds)
{
    public double InferencesPerSecond => Seconds > 0 ? Inferences / Seconds : 0;
}
