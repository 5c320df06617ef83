using Cluster.PerfAnalyzer.Reporting;

namespace Cluster.PerfAnalyzer.Tests.Reporting;

public sealed class TargetsTableTests
{
    [Fact]
    public void EveryTargetAtEveryLevelGetsARowWithItsRatioToTheBestInProcessRate()
    {
        var rows = TargetsTable.Rows(SampleReports.Report()).ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(["16", "cluster", "m", "58.0", "58.0"], rows[2][..5]);
        Assert.Equal("0.906", rows[2][^1]);
        Assert.Equal("0.938", rows[3][^1]);
    }

    [Fact]
    public void TheSweepMarksItsBestSize()
    {
        var rows = TargetsTable.SweepRows(SampleReports.Report().BatchSweep!).ToList();
        Assert.Equal(["1", "", "best", ""], new[] { rows[0][0], rows[0][^1], rows[1][^1], rows[2][^1] });
    }

    [Fact]
    public void ConcurrencyResultsCompareEachEndpointWithTheBestInProcessRate()
    {
        var result = SampleReports.Report().Results[1];
        Assert.Equal(58.0 / 64, result.ClusterOverBestInProcess!.Value, 6);
        Assert.Equal(60.0 / 64, result.CompareOverBestInProcess!.Value, 6);
    }
}
