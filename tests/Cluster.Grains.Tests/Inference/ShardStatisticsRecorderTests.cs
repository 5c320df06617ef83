using Microsoft.Extensions.Time.Testing;
using Cluster.Grains.Inference;

namespace Cluster.Grains.Tests.Inference;

public sealed class ShardStatisticsRecorderTests
{
    [Fact]
    public void AnEmptyRecorderReportsZeroes()
    {
        var statistics = new ShardStatisticsRecorder().Snapshot("cpu");

        Assert.Equal(0, statistics.InferenceCount);
        Assert.Equal(0, statistics.ExecutionCount);
        Assert.Equal(0, statistics.LastInferenceUnixMs);
        Assert.Empty(statistics.Batches);
        Assert.Equal("cpu", statistics.Device);
    }

    [Fact]
    public void SuccessesSumInferencesExecutionsAndDurations()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        var recorder = new ShardStatisticsRecorder(clock);

        recorder.RecordSuccess(batchSize: 2, totalNs: 100, new InferenceTimings(1, 10, 20, 30));
        recorder.RecordSuccess(batchSize: 4, totalNs: 200, new InferenceTimings(2, 11, 21, 31));
        clock.Advance(TimeSpan.FromSeconds(7));
        recorder.RecordSuccess(batchSize: 2, totalNs: 300, new InferenceTimings(3, 12, 22, 32));
        clock.Advance(TimeSpan.FromSeconds(60));
        var statistics = recorder.Snapshot("cuda:0");

        Assert.Equal(8, statistics.InferenceCount);
        Assert.Equal(3, statistics.ExecutionCount);
        Assert.Equal(new StatisticDuration(3, 600), statistics.Success);
        Assert.Equal(new StatisticDuration(3, 6), statistics.Queue);
        Assert.Equal(new StatisticDuration(3, 33), statistics.ComputeInput);
        Assert.Equal(new StatisticDuration(3, 63), statistics.ComputeInfer);
        Assert.Equal(new StatisticDuration(3, 93), statistics.ComputeOutput);
        Assert.Equal(default, statistics.Fail);
        Assert.Equal(new DateTimeOffset(2026, 12, 6, 12, 0, 7, TimeSpan.Zero).ToUnixTimeMilliseconds(), statistics.LastInferenceUnixMs);
        Assert.Equal("cuda:0", statistics.Device);
    }

    [Fact]
    public void SuccessesAreBucketedByBatchSizeInAscendingOrder()
    {
        var recorder = new ShardStatisticsRecorder();

        recorder.RecordSuccess(4, 200, new InferenceTimings(0, 11, 21, 31));
        recorder.RecordSuccess(2, 100, new InferenceTimings(0, 10, 20, 30));
        recorder.RecordSuccess(2, 300, new InferenceTimings(0, 12, 22, 32));
        var batches = recorder.Snapshot("cpu").Batches;

        Assert.Equal([2L, 4L], batches.Select(b => b.BatchSize));
        Assert.Equal(new BatchStatistics(2, new(2, 22), new(2, 42), new(2, 62)), batches[0]);
        Assert.Equal(new BatchStatistics(4, new(1, 11), new(1, 21), new(1, 31)), batches[1]);
    }

    [Fact]
    public void FailuresCountOnlyTowardsFail()
    {
        var recorder = new ShardStatisticsRecorder();

        recorder.RecordFailure(40);
        recorder.RecordFailure(60);
        var statistics = recorder.Snapshot("cpu");

        Assert.Equal(new StatisticDuration(2, 100), statistics.Fail);
        Assert.Equal(0, statistics.InferenceCount);
        Assert.Equal(0, statistics.ExecutionCount);
        Assert.Equal(default, statistics.Success);
        Assert.Empty(statistics.Batches);
    }

    [Fact]
    public void SnapshotsAreIndependentOfLaterRecords()
    {
        var recorder = new ShardStatisticsRecorder();
        recorder.RecordSuccess(1, 5, InferenceTimings.Zero);

        var first = recorder.Snapshot("cpu");
        recorder.RecordSuccess(3, 5, InferenceTimings.Zero);

        Assert.Equal(1, first.InferenceCount);
        Assert.Single(first.Batches);
        Assert.Equal(4, recorder.Snapshot("cpu").InferenceCount);
    }

    [Fact]
    public void RecordingARequestAllocatesNothingOnceItsBatchSizeWasSeen()
    {
        var recorder = new ShardStatisticsRecorder();
        var timings = new InferenceTimings(1, 2, 3, 4);
        for (var i = 0; i < 100; i++)
        {
            recorder.RecordSuccess(1, 5, timings);
            recorder.RecordExecution(8, timings);
            recorder.RecordRequest(5, timings);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            recorder.RecordSuccess(1, 5, timings);
            recorder.RecordExecution(8, timings);
            recorder.RecordRequest(5, timings);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Each update used to copy the statistics records: 376 bytes for a request that was its own execution.
        Assert.True(allocated < 10_000, $"{allocated} bytes for 10,000 requests");
        Assert.Equal(10_100 + 10_100 * 8, recorder.Snapshot("cpu").InferenceCount);
    }
}
