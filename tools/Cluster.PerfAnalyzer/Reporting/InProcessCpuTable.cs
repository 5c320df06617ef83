using System.Globalization;
using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>
/// With <c>--cpu-pid</c> and the in-process baseline: the serving processes' CPU per 1,000
/// inferences (the named processes except the load generator and the idle other side) against
/// ONNX Runtime's own in this process, measured in the same run: at the same concurrency, and at
/// the sweep's least-CPU batch size (the cheapest way the model runs here at all).
/// </summary>
public static class InProcessCpuTable
{
    public static readonly string[] Headers =
        ["Concurrency", "Target", "Server CPU ms/1000 inf", "In-process same c", "Ratio", "In-process least", "Ratio to least"];

    public static bool Any(PerfReport report) =>
        report.Results.Any(r => r.Endpoints.Any(e => e.CpuSeconds is not null) && (r.Baseline?.CpuSeconds is not null || Least(report.BatchSweep) is not null));

    public static IEnumerable<string[]> Rows(PerfReport report)
    {
        var least = Least(report.BatchSweep);
        var leastLabel = least is null ? "-" : $"{Format(least.Value.Ms)} (b={least.Value.Rows})";
        foreach (var result in report.Results)
        {
            var same = result.Baseline?.ServerCpuMsPerThousandInferences();
            foreach (var (side, idle) in Sides(result, report.Run))
            {
                if (side.ServerCpuMsPerThousandInferences(idle) is not { } servers) continue;
                yield return
                [
                    result.Level, side.Target, Format(servers),
                    same is { } s ? Format(s) : "-", same is > 0 ? Format(servers / same.Value, "0.000") : "-",
                    leastLabel, least is { Ms: > 0 } l ? Format(servers / l.Ms, "0.000") : "-",
                ];
            }
        }
    }

    /// <summary>The sweep size with the least in-process CPU per 1,000 inferences; null without CPU figures.</summary>
    public static (double Ms, int Rows)? Least(BatchSweepResult? sweep) =>
        sweep?.Sizes
            .Where(s => s.ServerCpuMsPerThousandInferences() is > 0)
            .Select(s => ((double Ms, int Rows)?)(s.ServerCpuMsPerThousandInferences()!.Value, s.RowsPerRequest))
            .OrderBy(s => s!.Value.Ms)
            .FirstOrDefault();

    private static IEnumerable<(LoadResult Side, string? Idle)> Sides(ConcurrencyResult result, RunInfo run)
    {
        if (result.Cluster is { } cluster) yield return (cluster, run.CompareLabel);
        if (result.Compare is { } compare) yield return (compare, run.Label);
    }

    private static string Format(double value, string format = "0.0") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
