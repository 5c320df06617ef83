using Cluster.PerfAnalyzer.Load;

namespace Cluster.PerfAnalyzer.Tests.Load;

public sealed class FixedRateScheduleTests
{
    [Fact]
    public void RequestsAreDueAtEvenIntervalsFromTheStart()
    {
        var schedule = new FixedRateSchedule(requestsPerSecond: 100, start: 5_000, ticksPerSecond: 1_000_000);
        Assert.Equal(5_000, schedule.DueAt(0));
        Assert.Equal(15_000, schedule.DueAt(1));
        Assert.Equal(1_005_000, schedule.DueAt(100));
    }

    [Fact]
    public void DueByCountsTheRequestsDueAtOrBeforeNow()
    {
        var schedule = new FixedRateSchedule(requestsPerSecond: 100, start: 0, ticksPerSecond: 1_000);
        Assert.Equal(1, schedule.DueBy(0));
        Assert.Equal(1, schedule.DueBy(9));
        Assert.Equal(2, schedule.DueBy(10));
        Assert.Equal(101, schedule.DueBy(1_000));
    }

    [Fact]
    public void NothingIsDueBeforeTheStart() =>
        Assert.Equal(0, new FixedRateSchedule(10, start: 100, ticksPerSecond: 1_000).DueBy(99));

    [Fact]
    public void FractionalIntervalsDoNotDrift()
    {
        var schedule = new FixedRateSchedule(requestsPerSecond: 3, start: 0, ticksPerSecond: 1_000);
        Assert.Equal(333, schedule.DueAt(1));
        Assert.Equal(667, schedule.DueAt(2));
        Assert.Equal(3_000, schedule.DueAt(9));
        Assert.Equal(10, schedule.DueBy(3_000));
    }

    [Fact]
    public void ARateOfZeroIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedRateSchedule(0, 0, 1_000));
}
