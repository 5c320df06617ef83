namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>One endpoint's counted part of one alternating slice: successes, rows, seconds, and the serving processes' CPU (null without <c>--cpu-pid</c>).</summary>
public sealed record SliceMeasure(long Requests, long Inferences, double Seconds, double? ServerCpuSeconds)
{
    public double InferencesPerSecond => Seconds > 0 ? Inferences / Seconds : 0;
}
