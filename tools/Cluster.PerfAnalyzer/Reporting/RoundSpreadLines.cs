using System.Globalization;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>
/// Lines under the comparison table, shared by the console and Markdown reports: per level, the
/// primary-over-comparison throughput ratio of each round and how the rounds spread, and with
/// <c>--cpu-pid</c> the same for the serving processes' CPU per call.
/// </summary>
public static class RoundSpreadLines
{
    public static IEnumerable<string> Lines(PerfReport report)
    {
        var run = report.Run;
        foreach (var result in report.Results)
        {
            if (result.Rounds is not { } rounds) continue;
            if (rounds.ThroughputSpread is { } throughput)
                yield return $"{result.Level}: throughput {run.Label}/{run.CompareLabel} by round {List(rounds.Throughput)}: {throughput.Describe()}";
            foreach (var (process, spread) in rounds.CpuPerCallSpread ?? new Dictionary<string, RatioSpread>())
                yield return $"{result.Level}: CPU per call of {process} {run.Label}/{run.CompareLabel} by round {List(rounds.CpuPerCall![process])}: {spread.Describe()}";
        }
    }

    private static string List(IEnumerable<double> ratios) =>
        string.Join(" ", ratios.Select(r => r.ToString("0.000", CultureInfo.InvariantCulture)));
}
