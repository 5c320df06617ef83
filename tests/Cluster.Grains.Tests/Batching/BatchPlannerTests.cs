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
}
