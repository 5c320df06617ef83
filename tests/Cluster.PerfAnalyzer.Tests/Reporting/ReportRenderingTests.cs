using System.Text.Json;
using Cluster.PerfAnalyzer.Reporting;

namespace Cluster.PerfAnalyzer.Tests.Reporting;

public sealed class ReportRenderingTests
{
    [Fact]
    public void JsonCarriesTheSweepTheBestAndTheRatios()
    {
        using var json = JsonDocument.Parse(JsonReport.Render(SampleReports.Report()));
        var root = json.RootElement;
        Assert.Equal(8, root.GetProperty("batchSweep").GetProperty("bestBatchSize").GetInt32());
        Assert.Equal(64, root.GetProperty("batchSweep").GetProperty("bestInferencesPerSecond").GetDouble());
        Assert.Equal(32, root.GetProperty("batchSweep").GetProperty("skippedSizes")[0].GetInt32());
        var level = root.GetProperty("results")[1];
        Assert.Equal(58.0 / 64, level.GetProperty("clusterOverBestInProcess").GetDouble(), 6);
        Assert.Equal(JsonValueKind.Null, level.GetProperty("requestRate").ValueKind);
        Assert.Equal("m", root.GetProperty("run").GetProperty("compareModel").GetString());
    }

    [Fact]
    public void MarkdownHasTheTargetsTableAndTheSweep()
    {
        var markdown = MarkdownReport.Render(SampleReports.Report());
        Assert.Contains("## Every target", markdown);
        Assert.Contains("| Level | Target | Model | infer/s | req/s | p50 ms | p90 ms | p99 ms | failed | vs best in-process |", markdown);
        Assert.Contains("## ONNX Runtime in-process, by rows per Run", markdown);
        Assert.Contains("best 64.0 infer/s at 8 rows per Run", markdown);
    }

    [Fact]
    public void TheChartHasASeriesPerTargetAndOneForTheSweep()
    {
        var series = LatencyThroughputChart.Series(SampleReports.Report());
        Assert.Equal(["cluster", "bare", "in-process, rows per Run"], series.Select(s => s.Target));
        Assert.Equal(["1", "16"], series[0].Points.Select(p => p.Level));
        Assert.Equal(["b=1", "b=8", "b=16"], series[2].Points.Select(p => p.Level));
    }

    [Fact]
    public void TheChartIsWrittenAsAPng()
    {
        var path = Path.Combine(Path.GetTempPath(), $"perf-chart-{Guid.NewGuid():N}.png");
        try
        {
            LatencyThroughputChart.SavePng(SampleReports.Report(), path);
            var header = File.ReadAllBytes(path)[..8];
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, header);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
