using System.Text.Json;
using Cluster.PerfAnalyzer.Reporting;

namespace Cluster.PerfAnalyzer.Tests.Reporting;

public sealed class RoundRatiosTests
{
    private static Dictionary<string, double> Cpu(double cluster, double load = 5) => new() { ["cluster"] = cluster, ["load"] = load };

    [Fact]
    public void EachRoundComparesThePrimarySliceWithTheComparisonSliceBesideIt()
    {
        SliceMeasure[] primary = [new(100, 100, 1, Cpu(2.0)), new(90, 90, 1, Cpu(2.0)), new(50, 100, 2, Cpu(1.0))];
        SliceMeasure[] compare = [new(100, 100, 1, Cpu(1.0)), new(100, 100, 1, Cpu(2.0)), new(40, 40, 1, Cpu(1.0))];

        var rounds = RoundRatios.From(primary, compare);

        Assert.Equal([1.0, 0.9, 1.25], rounds.Throughput);
        // CPU per call: (2/100)/(1/100), (2/90)/(2/100), (1/50)/(1/40); the load generator is not a serving process.
        Assert.Equal(["cluster"], rounds.CpuPerCall!.Keys);
        Assert.Equal([2.0, Math.Round(100.0 / 90, 9), 0.8], rounds.CpuPerCall["cluster"].Select(r => Math.Round(r, 9)));
    }

    [Fact]
    public void ARoundWithoutSuccessOnEitherSideIsLeftOutAndWithoutCpuThereIsNoCpuRatio()
    {
        SliceMeasure[] primary = [new(0, 0, 1, null), new(80, 80, 1, null)];
        SliceMeasure[] compare = [new(100, 100, 1, null), new(100, 100, 1, null)];

        var rounds = RoundRatios.From(primary, compare);

        Assert.Equal([0.8], rounds.Throughput);
        Assert.Null(rounds.CpuPerCall);
        Assert.Null(rounds.CpuPerCallSpread);
    }

    [Fact]
    public void TheSpreadGivesTheMeanItsStudentTIntervalTheMedianAndTheRange()
    {
        var spread = RatioSpread.Of([0.9, 1.0, 1.1, 1.0]);

        Assert.Equal(1.0, spread.Mean, 9);
        Assert.Equal(1.0, spread.Median, 9);
        Assert.Equal((0.9, 1.1), (spread.Min, spread.Max));
        // sd = sqrt(0.02 / 3), t(3) = 3.182: half-width 3.182 * 0.0816497 / 2.
        Assert.Equal(1.0 - 3.182 * Math.Sqrt(0.02 / 3) / 2, spread.Low95!.Value, 9);
        Assert.Equal(1.0 + 3.182 * Math.Sqrt(0.02 / 3) / 2, spread.High95!.Value, 9);
        Assert.Equal("mean 1.000 (95 % CI 0.870-1.130), median 1.000, range 0.900-1.100 over 4 rounds", spread.Describe());
    }

    [Fact]
    public void OneRoundHasNoInterval()
    {
        var spread = RatioSpread.Of([0.95]);

        Assert.Null(spread.Low95);
        Assert.Equal("mean 0.950, median 0.950, range 0.950-0.950 over 1 round", spread.Describe());
    }

    [Fact]
    public void ReportsShowTheRoundsAndJsonCarriesThem()
    {
        var sample = SampleReports.Report();
        var rounds = RoundRatios.From([new(95, 95, 1, Cpu(1.1)), new(105, 105, 1, Cpu(1.0))], [new(100, 100, 1, Cpu(1.0)), new(100, 100, 1, Cpu(1.0))]);
        var report = sample with { Results = [sample.Results[0], sample.Results[1] with { Rounds = rounds }] };

        var markdown = MarkdownReport.Render(report);
        var console = new StringWriter();
        ConsoleReport.WriteTable(console, report);
        using var json = JsonDocument.Parse(JsonReport.Render(report));

        Assert.Contains("- 16: throughput cluster/bare by round 0.950 1.050: mean 1.000 (95 % CI 0.365-1.635)", markdown);
        Assert.Contains("16: CPU per call of cluster cluster/bare by round 1.158 0.952: mean 1.055", console.ToString());
        var spread = json.RootElement.GetProperty("results")[1].GetProperty("rounds").GetProperty("throughputSpread");
        Assert.Equal(1.0, spread.GetProperty("mean").GetDouble(), 9);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("results")[0].GetProperty("rounds").ValueKind);
    }
}
