using System.Globalization;
using System.Text;
using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>The Markdown report: how the run was made, the summary table, latency detail and failures.</summary>
public static class MarkdownReport
{
    public static string Render(PerfReport report)
    {
        var run = report.Run;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# perf_analyzer: {run.Model}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{run.CommandLine}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Date (UTC): {run.DateUtc:yyyy-MM-dd HH:mm:ss}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {run.Machine.ProcessorCount} logical processors, {run.Machine.Os} ({run.Machine.Architecture}), {run.Machine.DotNet}, ONNX Runtime {run.Machine.OnnxRuntime}");
        md.AppendLine(run.BaselineOnly
            ? "- Cluster: not measured (--baseline-only)"
            : $"- Cluster ({run.Label}): {run.Endpoint}, version {run.RequestedVersion ?? "server default"}, {(run.Authenticated ? "with an API key" : "no API key")}, purpose of use {run.PurposeOfUse ?? "none"}");
        if (run.Connections > 1 && !run.BaselineOnly)
            md.AppendLine(CultureInfo.InvariantCulture, $"- Connections: {run.Connections} HTTP/2 connections per endpoint (caller i on connection i mod {run.Connections})");
        if (run.CompareEndpoint is not null)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- Compared with ({run.CompareLabel}): {run.CompareEndpoint}, {(run.CompareAuthenticated == true ? "with an API key" : "no API key")}, same requests; {run.Rounds} rounds of alternating windows (order flips each round), the measured window split evenly over them");
        md.AppendLine(run.NoBaseline
            ? "- Baseline: not measured (--no-baseline)"
            : string.Create(CultureInfo.InvariantCulture, $"- Baseline: ONNX Runtime in-process, {run.BaselineDevice}, version {run.BaselineVersion}, intra-op threads {(run.BaselineIntraOpThreads == 0 ? "ORT default" : run.BaselineIntraOpThreads)}"));
        md.AppendLine(CultureInfo.InvariantCulture, $"- Inputs: {string.Join("; ", run.Inputs)} from {run.InputSource}; {run.RowsPerRequest} row(s) per request");
        md.AppendLine(run.Rounds is { } rounds
            ? string.Create(CultureInfo.InvariantCulture, $"- Windows: {run.WarmupSeconds:0.###} s warm-up, then {run.MeasureSeconds:0.###} s measured in {rounds} slices of {run.MeasureSeconds / rounds:0.###} s (each after an uncounted settle of up to {AlternatingComparison.MaxSettle.TotalSeconds:0.###} s), per concurrency and endpoint")
            : string.Create(CultureInfo.InvariantCulture, $"- Windows: {run.WarmupSeconds:0.###} s warm-up, {run.MeasureSeconds:0.###} s measured, per concurrency and target"));
        if (run.CompareModel is { } compareModel && compareModel != run.Model)
            md.AppendLine(CultureInfo.InvariantCulture, $"- The comparison endpoint receives model '{compareModel}' (the same inputs)");
        if (run.RequestRates is { } rates)
            md.AppendLine(CultureInfo.InvariantCulture, $"- Fixed-rate (open-loop) mode: {string.Join(", ", rates.Select(r => r.ToString("0.###", CultureInfo.InvariantCulture)))} requests/s offered, at most {run.MaxOutstanding} in flight; latency from each request's due time");
        if (report.BatchSweep is { } sweep)
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- In-process batch sweep: rows per Run {string.Join(", ", run.BaselineBatchSizes ?? [])}, {sweep.Callers} caller(s), measured in two passes (before and after the gRPC targets); best {ResultTable.Rate(sweep.BestInferencesPerSecond ?? 0)} infer/s at {sweep.BestBatchSize} rows per Run");
        md.AppendLine();
        md.AppendLine("## Every target");
        md.AppendLine();
        AppendTable(md, TargetsTable.Headers, TargetsTable.Rows(report));
        md.AppendLine();
        if (report.BatchSweep is { } batchSweep)
        {
            md.AppendLine("## ONNX Runtime in-process, by rows per Run");
            md.AppendLine();
            AppendTable(md, TargetsTable.SweepHeaders, TargetsTable.SweepRows(batchSweep));
            md.AppendLine();
        }

        if (run.CompareEndpoint is not null)
        {
            AppendTable(md, CompareTable.LongHeaders(run), CompareTable.Rows(report));
            md.AppendLine();
            var spread = RoundSpreadLines.Lines(report).ToList();
            if (spread.Count > 0)
            {
                md.AppendLine("Round by round (each round's two adjacent slices; 95 % CI of the mean over the rounds):");
                md.AppendLine();
                foreach (var line in spread) md.AppendLine($"- {line}");
                md.AppendLine();
            }
        }

        if (CpuTable.Any(report))
        {
            md.AppendLine("CPU time per request of each process, measured over each side's slices (`--cpu-pid`; `load` is the perf analyzer):");
            md.AppendLine();
            AppendTable(md, CpuTable.Headers(run), CpuTable.Rows(report));
            md.AppendLine();
        }

        if (InProcessCpuTable.Any(report))
        {
            md.AppendLine("CPU per 1,000 inferences of the serving processes (`--cpu-pid`, without the perf analyzer) against ONNX Runtime in this process, measured in the same run:");
            md.AppendLine();
            AppendTable(md, InProcessCpuTable.Headers, InProcessCpuTable.Rows(report));
            md.AppendLine();
        }

        if (run.CompareEndpoint is null || !run.NoBaseline)
        {
            AppendTable(md, ResultTable.LongHeaders, ResultTable.Rows(report));
            md.AppendLine();
        }

        md.AppendLine("## Latency detail (ms)");
        md.AppendLine();
        AppendTable(md, ["Target", "Concurrency", "Requests", "Mean", "Min", "p50", "p90", "p95", "p99", "Max"],
            report.Results.SelectMany(r => new[] { r.Cluster, r.Compare, r.Baseline }).OfType<LoadResult>()
                .Concat(report.BatchSweep?.Sizes ?? []).Select(DetailRow));
        var failures = report.Results.SelectMany(r => r.Endpoints.Where(e => e.Failures.Count > 0)).ToList();
        if (failures.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("## Cluster failures");
            md.AppendLine();
            foreach (var side in failures)
                md.AppendLine(CultureInfo.InvariantCulture, $"- {side.Target}, concurrency {side.Concurrency}: {ConsoleReport.FailureList(side.Failures)}");
        }

        return md.ToString();
    }

    private static string[] DetailRow(LoadResult result)
    {
        var l = result.Latency;
        string[] latency = l is null
            ? ["-", "-", "-", "-", "-", "-", "-"]
            : [.. new[] { l.MeanMs, l.MinMs, l.P50Ms, l.P90Ms, l.P95Ms, l.P99Ms, l.MaxMs }.Select(ResultTable.Ms)];
        var level = new LoadLevel(result.Concurrency, result.RequestRate).Label;
        return [result.Target, level, result.Requests.ToString(CultureInfo.InvariantCulture), .. latency];
    }

    private static void AppendTable(StringBuilder md, string[] headers, IEnumerable<string[]> rows)
    {
        md.AppendLine("| " + string.Join(" | ", headers) + " |");
        md.AppendLine("|" + string.Concat(headers.Select((_, c) => c == 0 ? " --- |" : " ---: |")));
        foreach (var row in rows) md.AppendLine("| " + string.Join(" | ", row) + " |");
    }
}
