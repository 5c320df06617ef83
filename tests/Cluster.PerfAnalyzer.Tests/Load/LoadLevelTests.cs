using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Tests.Load;

public sealed class LoadLevelTests
{
    [Fact]
    public void AClosedLevelReadsAsItsCallersAndRecordsPerCaller()
    {
        var level = LoadLevel.Closed(16);
        Assert.Equal("16", level.Label);
        Assert.Equal(16, level.Recorders);
    }

    [Fact]
    public void AFixedRateLevelReadsAsItsRateAndSharesOneRecorder()
    {
        var level = LoadLevel.AtRate(12.5, maxOutstanding: 1024);
        Assert.Equal("12.5/s", level.Label);
        Assert.Equal(1, level.Recorders);
        Assert.Equal(1024, level.Concurrency);
    }
}
