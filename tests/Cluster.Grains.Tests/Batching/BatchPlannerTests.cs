using Cluster.Grains.Inference.Batching;
using static Cluster.Grains.Tests.Fixtures.Batching;

namespace Cluster.Grains.Tests.Batching;

public sealed class BatchPlannerTests
{
    private const long T0 = 1_000_000_000;

    private static long Us(long microseconds) => BatchingPolicy.MicrosecondsToTicks(microseconds, TimeProvider.System.TimestampFrequency);

    private static List<PendingRequest> Queue(params long[] rows) => [.. rows.Select(r => Pending(r, T0))];

    [Fact]
    public void ABatchThatReachesMaxBatchSizeRunsAtOnce()
    {
        var plan = BatchPlanner.Plan(Queue(1, 1, 1, 1, 1, 1), Policy(maxBatchSize: 4, delayMicroseconds: 1_000_000), T0);

        Assert.Equal(4, plan.Batch?.Count);
    }

    [Fact]
    public void ABatchThatCanGrowWaitsUntilItsOldestRequestHasWaitedTheDelay()
    {
        var queue = Queue(1, 2);
        var policy = Policy(maxBatchSize: 8, delayMicroseconds: 500);

        var early = BatchPlanner.Plan(queue, policy, T0 + Us(100));
        var due = BatchPlanner.Plan(queue, policy, T0 + Us(500));

        Assert.Null(early.Batch);
        Assert.Equal(T0 + Us(500), early.WakeAt);
        Assert.Equal(2, due.Batch?.Count);
    }

    [Fact]
    public void ZeroDelayRunsWhatIsQueued()
    {
        var plan = BatchPlanner.Plan(Queue(1, 1, 1), Policy(maxBatchSize: 8), T0);

        Assert.Equal(3, plan.Batch?.Count);
    }

    [Theory]
    [InlineData(new long[] { 1, 1, 1 }, 2)]
    [InlineData(new long[] { 1, 1, 1, 1, 1 }, 4)]
    [InlineData(new long[] { 3, 1, 1, 1 }, 2)] // 3 rows then 4: the largest preferred prefix is 4 rows, two requests
    public void TheLargestPreferredPrefixRunsAtOnce(long[] rows, int requests)
    {
        var plan = BatchPlanner.Plan(Queue(rows), Policy(maxBatchSize: 8, preferred: [2, 4], delayMicroseconds: 1_000_000), T0);

        Assert.Equal(requests, plan.Batch?.Count);
    }

    [Fact]
    public void WithoutAPreferredPrefixTheBatchWaitsForTheDelay()
    {
        var plan = BatchPlanner.Plan(Queue(3), Policy(maxBatchSize: 8, preferred: [2, 4], delayMicroseconds: 1_000), T0);

        Assert.Null(plan.Batch);
        Assert.Equal(T0 + Us(1_000), plan.WakeAt);
    }

    [Fact]
    public void ARequestThatDoesNotFitIsNotOvertakenAndTheBatchRunsNow()
    {
        var plan = BatchPlanner.Plan(Queue(3, 2, 1), Policy(maxBatchSize: 4, delayMicroseconds: 1_000_000), T0);

        Assert.Equal([3L], plan.Batch!.Select(p => p.Rows));
    }

    [Fact]
    public void DifferentLengthsJoinOnlyWhenPaddingIsOn()
    {
        List<PendingRequest> queue = [Pending(1, T0, width: 3), Pending(1, T0, width: 3), Pending(1, T0, width: 5), Pending(1, T0, width: 3)];

        var padded = BatchPlanner.Plan(queue, Policy(maxBatchSize: 8, padding: true), T0);
        var separate = BatchPlanner.Plan(queue, Policy(maxBatchSize: 8, padding: false), T0);

        Assert.Equal(4, padded.Batch?.Count);
        Assert.Equal(2, separate.Batch?.Count);
    }

    [Fact]
    public void ARequestRunsAtOnceWhenNoOtherIsLikelyToArriveWithinTheDelay()
    {
        // Requests reach this shard every 10 ms on average; waiting 500 µs for a second one would only add latency.
        var plan = BatchPlanner.Plan(Queue(1), Policy(maxBatchSize: 8, delayMicroseconds: 500), T0, meanArrivalGapTicks: Us(10_000));

        Assert.Equal(1, plan.Batch?.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(2_000)]
    public void ABatchWaitsForTheDelayWhileRequestsArriveOftenEnoughOrTheirRateIsUnknown(long meanGapMicroseconds)
    {
        var plan = BatchPlanner.Plan(Queue(1), Policy(maxBatchSize: 8, delayMicroseconds: 500), T0, meanArrivalGapTicks: Us(meanGapMicroseconds));

        Assert.Null(plan.Batch);
        Assert.Equal(T0 + Us(500), plan.WakeAt);
    }

    [Fact]
    public void TheArrivalGapForgetsAnIdleSpellWithinAFewRequests()
    {
        var gap = new ArrivalGap(Us(100));
        gap.Arrived(T0);
        gap.Arrived(T0 + Us(60_000_000)); // a minute idle counts as 16 delays, not a minute
        Assert.Equal(Us(1_600) / 8, gap.MeanTicks);

        for (var i = 1; i <= 8; i++) gap.Arrived(T0 + Us(60_000_000) + i * Us(10));

        Assert.True(gap.MeanTicks < Us(100), $"mean gap {gap.MeanTicks} ticks after eight quick arrivals");
    }
}
