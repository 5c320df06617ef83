using System.Globalization;
using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>
/// The same-run comparison of two endpoints, shared by the console and Markdown reports: one row
/// per concurrency, the primary endpoint's throughput over the comparison's, and the latency differences.
/// </summary>
public static class CompareTable
{
    public static string[] ShortHeaders(RunInfo run) =>
    [
        "N", .. SideHeaders(run.Label, "req/s", "p50", "p99", "fail"), .. SideHeaders(run.CompareLabel!, "req/s", "p50", "p99", "fail"),
        "thr ratio", "p50 diff", "p99 diff",
    ];

    public static string[] LongHeaders(RunInfo run) =>
    [
        "Concurrency", .. SideHeaders(run.Label, "req/s", "p50 ms", "p99 ms", "failed"), .. SideHeaders(run.CompareLabel!, "req/s", "p50 ms", "p99 ms", "failed"),
        $"Throughput {run.Label}/{run.CompareLabel}", "p50 diff ms", "p99 diff ms",
    ];

    public static IEnumerable<string[]> Rows(PerfReport report) => report.Results.Where(r => r.Compare is not null).Select(Row);

    public static string[] Row(ConcurrencyResult result)
    {
        var versus = result.VersusCompare!;
        return
        [
            result.Level,
            .. Side(result.Cluster),
            .. Side(result.Compare),
            Format(versus.ThroughputRatio, "0.000"),
            Format(versus.P50DeltaMs, "+0.000;-0.000;0.000"),
            Format(versus.P99DeltaMs, "+0.000;-0.000;0.000"),
        ];
    }

    private static IEnumerable<string> SideHeaders(string label, params string[] measures) => measures.Select(m => $"{label} {m}");

    private static string[] Side(LoadResult? result) => result is null
        ? ["-", "-", "-", "-"]
        :
        [
            ResultTable.Rate(result.RequestsPerSecond), Format(result.Latency?.P50Ms, "0.000"), Format(result.Latency?.P99Ms, "0.000"),
            result.FailedRequests.ToString(CultureInfo.InvariantCulture),
        ];

    private static string Format(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
