using System.Globalization;
using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>
/// perf_analyzer's summary: one row per load level and target (the cluster, the comparison
/// endpoint, the in-process baseline), with p50/p90/p99 and, after a batch sweep, each target's
/// throughput over in-process ONNX Runtime at its best batch size.
/// </summary>
public static class TargetsTable
{
    public static readonly string[] Headers =
        ["Level", "Target", "Model", "infer/s", "req/s", "p50 ms", "p90 ms", "p99 ms", "failed", "vs best in-process"];

    public static IEnumerable<string[]> Rows(PerfReport report) => report.Results.SelectMany(result =>
        new[] { (result.Cluster, report.Run.Model), (result.Compare, report.Run.CompareModel ?? report.Run.Model), (result.Baseline, report.Run.Model) }
            .Where(side => side.Item1 is not null)
            .Select(side => Row(result.Level, side.Item1!, side.Item2, result.BestInProcessInferencesPerSecond)));

    public static string[] Row(string level, LoadResult side, string model, double? best) =>
    [
        level, side.Target, model, ResultTable.Rate(side.InferencesPerSecond), ResultTable.Rate(side.RequestsPerSecond),
        Ms(side.Latency?.P50Ms), Ms(side.Latency?.P90Ms), Ms(side.Latency?.P99Ms),
        side.FailedRequests.ToString(CultureInfo.InvariantCulture),
        best is > 0 ? (side.InferencesPerSecond / best.Value).ToString("0.000", CultureInfo.InvariantCulture) : "-",
    ];

    /// <summary>The batch sweep: rows per Run, rows/s, Runs/s and the latency of one Run; the best marked.</summary>
    public static readonly string[] SweepHeaders = ["Rows per Run", "Callers", "infer/s", "Runs/s", "p50 ms", "p90 ms", "p99 ms", "best"];

    public static IEnumerable<string[]> SweepRows(BatchSweepResult sweep) => sweep.Sizes.Select(size =>
        new[]
        {
            size.RowsPerRequest.ToString(CultureInfo.InvariantCulture), sweep.Callers.ToString(CultureInfo.InvariantCulture),
            ResultTable.Rate(size.InferencesPerSecond), ResultTable.Rate(size.RequestsPerSecond),
            Ms(size.Latency?.P50Ms), Ms(size.Latency?.P90Ms), Ms(size.Latency?.P99Ms),
            ReferenceEquals(size, sweep.Best) ? "best" : "",
        });

    private static string Ms(double? ms) => ms is { } value ? ResultTable.Ms(value) : "-";
}
