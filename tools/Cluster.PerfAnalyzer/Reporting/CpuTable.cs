using System.Globalization;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>
/// With <c>--cpu-pid</c>: CPU milliseconds per 1,000 requests of each named process on either side
/// of a comparison, and the primary's over the other's (less moved by machine noise than throughput).
/// </summary>
public static class CpuTable
{
    public static string[] Headers(RunInfo run) =>
        ["Concurrency", "Process", $"{run.Label} CPU ms/1000 req", $"{run.CompareLabel} CPU ms/1000 req", "Ratio"];

    public static IEnumerable<string[]> Rows(PerfReport report)
    {
        foreach (var result in report.Results)
        {
            if (result.Cluster?.CpuMsPerThousandRequests is not { } primary || result.Compare?.CpuMsPerThousandRequests is not { } other) continue;
            var names = primary.Keys.ToList();
            foreach (var name in names.Append("all"))
            {
                var a = name == "all" ? primary.Values.Sum() : primary[name];
                var b = name == "all" ? other.Values.Sum() : other.GetValueOrDefault(name, double.NaN);
                yield return [result.Level, name, Format(a), Format(b), b > 0 ? Format(a / b, "0.000") : "-"];
            }
        }
    }

    public static bool Any(PerfReport report) => report.Results.Any(r => r.Cluster?.CpuSeconds is not null && r.Compare?.CpuSeconds is not null);

    private static string Format(double value, string format = "0.0") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";
}
