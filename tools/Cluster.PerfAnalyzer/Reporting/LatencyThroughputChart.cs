using System.Globalization;
using Cluster.PerfAnalyzer.Load;
using ScottPlot;

namespace Cluster.PerfAnalyzer.Reporting;

/// <summary>
/// The PNG chart: latency (p50 solid, p99 dashed) against throughput (inferences/s), one series per
/// target with a point per load level, the in-process batch sweep as its own series, and a
/// vertical line at the in-process best.
/// </summary>
public static class LatencyThroughputChart
{
    public const int Width = 1000;
    public const int Height = 620;

    /// <summary>The series the chart draws: per target, its (inferences/s, p50, p99, level) points in level order.</summary>
    public static IReadOnlyList<ChartSeries> Series(PerfReport report)
    {
        var series = report.Results
            .SelectMany(r => new[] { r.Cluster, r.Compare, r.Baseline }.OfType<LoadResult>().Select(side => (r.Level, Side: side)))
            .Where(point => point.Side.Latency is not null)
            .GroupBy(point => point.Side.Target, StringComparer.Ordinal)
            .Select(group => new ChartSeries(group.Key, [.. group.Select(p => new ChartPoint(p.Side.InferencesPerSecond, p.Side.Latency!.P50Ms, p.Side.Latency.P99Ms, p.Level))]))
            .ToList();
        if (report.BatchSweep is { } sweep && sweep.Sizes.Any(s => s.Latency is not null))
        {
            series.Add(new ChartSeries("in-process, rows per Run", [.. sweep.Sizes.Where(s => s.Latency is not null)
                .Select(s => new ChartPoint(s.InferencesPerSecond, s.Latency!.P50Ms, s.Latency.P99Ms, $"b={s.RowsPerRequest}"))]));
        }

        return series;
    }

    public static void SavePng(PerfReport report, string path)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var series = Series(report);
        for (var i = 0; i < series.Count; i++)
        {
            var color = palette.GetColor(i);
            var xs = series[i].Points.Select(p => p.InferencesPerSecond).ToArray();
            var p50 = plot.Add.Scatter(xs, [.. series[i].Points.Select(p => p.P50Ms)], color);
            p50.LegendText = $"{series[i].Target} p50";
            p50.MarkerSize = 8;
            p50.LineWidth = 2;
            var p99 = plot.Add.Scatter(xs, [.. series[i].Points.Select(p => p.P99Ms)], color);
            p99.LegendText = $"{series[i].Target} p99";
            p99.LinePattern = LinePattern.Dashed;
            p99.MarkerSize = 5;
            foreach (var point in series[i].Points)
            {
                var label = plot.Add.Text(point.Level, point.InferencesPerSecond, point.P50Ms);
                label.LabelFontSize = 11;
                label.LabelFontColor = color;
            }
        }

        if (report.BatchSweep?.BestInferencesPerSecond is { } best)
        {
            var line = plot.Add.VerticalLine(best, 1, Colors.Gray, LinePattern.Dotted);
            line.LegendText = string.Create(CultureInfo.InvariantCulture, $"in-process best {best:0.#}/s (b={report.BatchSweep.BestBatchSize})");
        }

        var run = report.Run;
        plot.Title($"{run.Model}: latency against throughput ({run.Machine.ProcessorCount} cores, {run.DateUtc:yyyy-MM-dd})");
        plot.XLabel("throughput (inferences/s)");
        plot.YLabel("latency (ms)");
        plot.Axes.SetLimitsY(0, series.Count == 0 ? 1 : series.SelectMany(s => s.Points).Max(p => p.P99Ms) * 1.1);
        plot.Axes.SetLimitsX(0, Math.Max(series.Count == 0 ? 1 : series.SelectMany(s => s.Points).Max(p => p.InferencesPerSecond), report.BatchSweep?.BestInferencesPerSecond ?? 0) * 1.15);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }
}
