using System.Globalization;
using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>The console output: a progress line per measurement and the final table.</summary>
public static class ConsoleReport
{
    public static void WriteProgress(TextWriter writer, LoadResult result)
    {
        var latency = result.Latency is { } l ? $"p50 {ResultTable.Ms(l.P50Ms)} ms, p90 {ResultTable.Ms(l.P90Ms)} ms, p99 {ResultTable.Ms(l.P99Ms)} ms" : "no successful request";
        var failures = result.Failures.Count == 0 ? "" : $", failed: {FailureList(result.Failures)}";
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {result.Target,-8} concurrency {result.Concurrency}: {ResultTable.Rate(result.InferencesPerSecond)} infer/s ({result.Requests} requests in {result.Seconds:0.0} s), {latency}{failures}"));
    }

    public static void WriteTable(TextWriter writer, PerfReport report)
    {
        var rows = ResultTable.Rows(report).Prepend(ResultTable.ShortHeaders).ToList();
        var widths = Enumerable.Range(0, ResultTable.ShortHeaders.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        writer.WriteLine();
        var run = report.Run;
        var cluster = run.BaselineOnly ? "not measured (--baseline-only)" : run.Endpoint;
        writer.WriteLine($"{run.Model} v{run.BaselineVersion} | {run.RowsPerRequest} row(s)/request | {run.InputSource} | cl = cluster {cluster}, bl = ONNX Runtime in-process | latencies in ms");
        foreach (var row in rows)
            writer.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadLeft(widths[c]))));
        foreach (var result in report.Results.Where(r => r.Cluster is { Failures.Count: > 0 }))
            writer.WriteLine($"cluster failures at concurrency {result.Concurrency}: {FailureList(result.Cluster!.Failures)}");
    }

    public static string FailureList(IReadOnlyDictionary<string, long> failures) =>
        string.Join(", ", failures.Select(pair => $"{pair.Key} {pair.Value}"));
}
