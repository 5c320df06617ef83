using System.Globalization;
using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>The summary table shared by the console and Markdown reports: one row per concurrency.</summary>
public static class ResultTable
{
    public static readonly string[] LongHeaders =
    [
        "Concurrency", "Cluster req/s", "Cluster infer/s", "Cluster p50 ms", "Cluster p99 ms", "Cluster failed",
        "Baseline req/s", "Baseline infer/s", "Baseline p50 ms", "Baseline p99 ms", "Throughput cluster/baseline", "p50 diff ms",
    ];

    public static readonly string[] ShortHeaders =
    [
        "N", "cl req/s", "cl inf/s", "cl p50", "cl p99", "cl fail",
        "bl req/s", "bl inf/s", "bl p50", "bl p99", "thr ratio", "p50 diff",
    ];

    public static IEnumerable<string[]> Rows(PerfReport report) => report.Results.Select(Row);

    public static string[] Row(ConcurrencyResult result) =>
    [
        result.Level,
        .. Side(result.Cluster, withFailures: true),
        .. Side(result.Baseline, withFailures: false),
        Format(result.Comparison.ThroughputRatio, "0.000"),
        Format(result.Comparison.P50DeltaMs, "+0.000;-0.000;0.000"),
    ];

    public static string Rate(double perSecond) => perSecond.ToString(perSecond < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);

    public static string Ms(double ms) => ms.ToString("0.000", CultureInfo.InvariantCulture);

    private static string[] Side(LoadResult? result, bool withFailures)
    {
        string[] cells = result is null
            ? ["-", "-", "-", "-"]
            : [Rate(result.RequestsPerSecond), Rate(result.InferencesPerSecond), Format(result.Latency?.P50Ms, "0.000"), Format(result.Latency?.P99Ms, "0.000")];
        return withFailures ? [.. cells, result?.FailedRequests.ToString(CultureInfo.InvariantCulture) ?? "-"] : cells;
    }

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
