using System.Diagnostics;
using Cluster.Grains.Inference.Timing;
using Microsoft.Extensions.Time.Testing;

namespace Cluster.Grains.Tests.Timing;

/// <summary>
/// The shards' timer clock: what fires, in which order, and when it must not. Timing is asserted
/// only as a lower bound (a timer never fires before its time); how precisely it fires is measured
/// in docs/performance.md, not here.
/// </summary>
public sealed class PreciseTimeProviderTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Waiters => ["eventfd", "monitor"];

    private static PreciseTimeProvider Provider(string waiter) => new(waiter == "eventfd"
        ? EventFdWaiter.TryCreate() ?? throw new InvalidOperationException("this test runs on Linux")
        : new MonitorWaiter());

    [Theory]
    [MemberData(nameof(Waiters))]
    public async Task ATimerNeverFiresBeforeItsTime(string waiter)
    {
        using var provider = Provider(waiter);
        var fired = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        var armed = Stopwatch.GetTimestamp();

        using var timer = provider.CreateTimer(_ => fired.TrySetResult(Stopwatch.GetTimestamp()), null, TimeSpan.FromMilliseconds(3), Timeout.InfiniteTimeSpan);

        var at = await fired.Task.WaitAsync(Guard);
        Assert.True(Stopwatch.GetElapsedTime(armed, at) >= TimeSpan.FromMilliseconds(3));
    }

    [Theory]
    [MemberData(nameof(Waiters))]
    public async Task AnEarlierTimerWakesTheThreadOutOfALongerSleep(string waiter)
    {
        using var provider = Provider(waiter);
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var late = provider.CreateTimer(_ => { }, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);
        await Task.Yield();

        using var soon = provider.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan);

        await fired.Task.WaitAsync(Guard);
    }

    [Theory]
    [MemberData(nameof(Waiters))]
    public async Task ATimerChangedToNeverOrDisposedDoesNotFire(string waiter)
    {
        using var provider = Provider(waiter);
        var order = new List<string>();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Hold the provider's thread in a callback, so that the timers below are due before it looks again.
        using var gate = new ManualResetEventSlim();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var holder = provider.CreateTimer(_ => { holding.TrySetResult(); gate.Wait(); }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        await holding.Task.WaitAsync(Guard);
        using var changed = provider.CreateTimer(_ => { lock (order) order.Add("changed"); }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        var disposed = provider.CreateTimer(_ => { lock (order) order.Add("disposed"); }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        using var moved = provider.CreateTimer(_ => { lock (order) order.Add("moved"); }, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.True(changed.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        disposed.Dispose();
        Assert.True(moved.Change(TimeSpan.FromMilliseconds(1), Timeout.InfiniteTimeSpan));
        // Timers fire in the order of their times on one thread: this one fires after all the others that are armed.
        using var after = provider.CreateTimer(_ => last.TrySetResult(), null, TimeSpan.FromMilliseconds(2), Timeout.InfiniteTimeSpan);
        gate.Set();

        await last.Task.WaitAsync(Guard);
        lock (order) Assert.Equal(["moved"], order);
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Theory]
    [MemberData(nameof(Waiters))]
    public async Task APeriodicTimerFiresUntilItIsStopped(string waiter)
    {
        using var provider = Provider(waiter);
        var count = 0;
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = provider.CreateTimer(_ =>
        {
            if (Interlocked.Increment(ref count) == 3) third.TrySetResult();
        }, null, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1));

        await third.Task.WaitAsync(Guard);
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var stopped = Volatile.Read(ref count);
        var probe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var after = provider.CreateTimer(_ => probe.TrySetResult(), null, TimeSpan.FromMilliseconds(5), Timeout.InfiniteTimeSpan);
        await probe.Task.WaitAsync(Guard);

        // At most one firing was already under way when it was stopped.
        Assert.InRange(Volatile.Read(ref count), stopped, stopped + 1);
    }

    [Fact]
    public void ReArmingATimerForTheSameOrALaterTimeQueuesNoMoreEntries()
    {
        using var provider = Provider("monitor");
        using var timer = provider.CreateTimer(_ => { }, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        for (var i = 0; i < 1000; i++) timer.Change(TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(i), Timeout.InfiniteTimeSpan);
        var afterLater = provider.QueuedEntries;
        timer.Change(TimeSpan.FromMinutes(30), Timeout.InfiniteTimeSpan);

        Assert.Equal(1, afterLater);
        // An earlier time queues a new entry; the old one is stale and dropped when it comes up.
        Assert.Equal(2, provider.QueuedEntries);
    }

    [Fact]
    public void ADisposedProviderArmsNothing()
    {
        var provider = Provider("monitor");
        var timer = provider.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        provider.Dispose();

        Assert.False(timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void ANegativeDueTimeIsRefused()
    {
        using var provider = Provider("monitor");

        Assert.Throws<ArgumentOutOfRangeException>(() => provider.CreateTimer(_ => { }, null, TimeSpan.FromMilliseconds(-2), Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void OnLinuxTheSharedClockIsThePreciseOne()
    {
        Assert.True(OperatingSystem.IsLinux());
        Assert.True(PreciseTimeProvider.Shared.IsPrecise);
    }

    [Fact]
    public void AShardKeepsATestsClockAndTradesTheSystemsForThePreciseOne()
    {
        var fake = new FakeTimeProvider();

        Assert.Same(fake, PreciseTimeProvider.For(fake));
        Assert.Same(PreciseTimeProvider.Shared, PreciseTimeProvider.For(TimeProvider.System));
        Assert.Equal(TimeProvider.System.TimestampFrequency, PreciseTimeProvider.Shared.TimestampFrequency);
    }
}
