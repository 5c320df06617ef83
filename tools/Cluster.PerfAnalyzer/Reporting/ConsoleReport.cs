using System.Globalization;
using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>The console output: a progress line per measurement and the final tables.</summary>
public static class ConsoleReport
{
    public static void WriteProgress(TextWriter writer, LoadResult result)
    {
        var latency = result.Latency is { } l ? $"p50 {ResultTable.Ms(l.P50Ms)} ms, p90 {ResultTable.Ms(l.P90Ms)} ms, p99 {ResultTable.Ms(l.P99Ms)} ms" : "no successful request";
        var failures = result.Failures.Count == 0 ? "" : $", failed: {FailureList(result.Failures)}";
        var level = result.RequestRate is { } rate ? $"rate {rate:0.###}/s" : $"concurrency {result.Concurrency}";
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {result.Target,-8} {level}: {ResultTable.Rate(result.InferencesPerSecond)} infer/s ({result.Requests} requests in {result.Seconds:0.0} s), {latency}{failures}"));
    }

    public static void WriteTable(TextWriter writer, PerfReport report)
    {
        var run = report.Run;
        writer.WriteLine();
        writer.WriteLine($"{run.Model} | {run.RowsPerRequest} row(s)/request | {run.InputSource} | every target | latencies in ms");
        WriteAligned(writer, TargetsTable.Headers, TargetsTable.Rows(report));
        if (report.BatchSweep is { } sweep)
        {
            writer.WriteLine();
            writer.WriteLine($"{run.Model} | ONNX Runtime in-process batch sweep | best {ResultTable.Rate(sweep.BestInferencesPerSecond ?? 0)} infer/s at {sweep.BestBatchSize?.ToString(CultureInfo.InvariantCulture) ?? "-"} rows per Run{(sweep.SkippedSizes.Count > 0 ? $" | not taken by the model: {string.Join(",", sweep.SkippedSizes)}" : "")}");
            WriteAligned(writer, TargetsTable.SweepHeaders, TargetsTable.SweepRows(sweep));
        }

        var compares = run.CompareEndpoint is not null;
        if (!compares || !run.NoBaseline)
        {
            writer.WriteLine();
            var cluster = run.BaselineOnly ? "not measured (--baseline-only)" : run.Endpoint;
            var baseline = run.NoBaseline ? "not measured (--no-baseline)" : "ONNX Runtime in-process";
            writer.WriteLine($"{run.Model} v{run.BaselineVersion} | {run.RowsPerRequest} row(s)/request | {run.InputSource} | cl = {run.Label} {cluster}, bl = {baseline} | latencies in ms");
            WriteAligned(writer, ResultTable.ShortHeaders, ResultTable.Rows(report));
        }

        if (compares)
        {
            writer.WriteLine();
            writer.WriteLine($"{run.Model} | {run.RowsPerRequest} row(s)/request | {run.InputSource} | {run.Label} = {run.Endpoint} against {run.CompareLabel} = {run.CompareEndpoint}, {run.Rounds} alternating rounds | latencies in ms");
            WriteAligned(writer, CompareTable.ShortHeaders(run), CompareTable.Rows(report));
            foreach (var line in RoundSpreadLines.Lines(report)) writer.WriteLine(line);
            if (CpuTable.Any(report))
            {
                writer.WriteLine();
                WriteAligned(writer, CpuTable.Headers(run), CpuTable.Rows(report));
            }
        }

        if (InProcessCpuTable.Any(report))
        {
            writer.WriteLine();
            writer.WriteLine($"{run.Model} | CPU per 1,000 inferences: serving processes against ONNX Runtime in-process, same run");
            WriteAligned(writer, InProcessCpuTable.Headers, InProcessCpuTable.Rows(report));
        }

        foreach (var result in report.Results)
        {
            foreach (var side in result.Endpoints.Where(e => e.Failures.Count > 0))
                writer.WriteLine($"{side.Target} failures at concurrency {result.Concurrency}: {FailureList(side.Failures)}");
        }
    }

    public static string FailureList(IReadOnlyDictionary<string, long> failures) =>
        string.Join(", ", failures.Select(pair => $"{pair.Key} {pair.Value}"));

    public static void WriteAligned(TextWriter writer, string[] headers, IEnumerable<string[]> body)
    {
        var rows = body.Prepend(headers).ToList();
        var widths = Enumerable.Range(0, headers.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
            writer.WriteLine(string.Join("  ", row.Select((cell, c) => cell.PadLeft(widths[c]))));
    }
}
