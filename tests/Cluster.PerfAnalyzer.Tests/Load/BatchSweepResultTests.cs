using Cluster.PerfAnalyzer.Latency;
using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Tests.Load;

public sealed class BatchSweepResultTests
{
    internal static LoadResult Size(int rows, long runs, double seconds = 1)
    {
        var recorder = new LatencyRecorder(16);
        for (var i = 0; i < runs; i++) recorder.Record(1_000);
        return LoadResult.From(BaselineBatchSweep.TargetName(rows), 1, seconds, rows, [recorder]);
    }

    [Fact]
    public void TheBestIsTheSizeWithTheMostRowsPerSecond()
    {
        var sweep = new BatchSweepResult(1, [Size(1, 60), Size(8, 8), Size(16, 5)], []);
        Assert.Equal(16, sweep.BestBatchSize);
        Assert.Equal(80, sweep.BestInferencesPerSecond);
    }

    [Fact]
    public void ATieGoesToTheSmallerBatch()
    {
        var sweep = new BatchSweepResult(1, [Size(4, 16), Size(2, 32)], []);
        Assert.Equal(2, sweep.BestBatchSize);
    }

    [Fact]
    public void SizesWithNoSuccessfulRunAreNeverBest()
    {
        Assert.Null(new BatchSweepResult(1, [Size(8, 0)], []).Best);
        Assert.Equal(1, new BatchSweepResult(1, [Size(8, 0), Size(1, 3)], []).BestBatchSize);
    }

    [Fact]
    public void SizesAboveMaxBatchSizeAreSkipped()
    {
        var (usable, skipped) = BaselineBatchSweep.Usable([1, 2, 4, 8, 16, 32], maxBatchSize: 16);
        Assert.Equal([1, 2, 4, 8, 16], usable);
        Assert.Equal([32], skipped);
    }

    [Fact]
    public void AModelThatDoesNotBatchTakesOnlyOneRowPerRun()
    {
        var (usable, skipped) = BaselineBatchSweep.Usable([1, 8], maxBatchSize: 0);
        Assert.Equal([1], usable);
        Assert.Equal([8], skipped);
    }
}
