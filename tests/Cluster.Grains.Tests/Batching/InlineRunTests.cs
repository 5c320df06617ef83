using Cluster.Grains.Inference;
using Cluster.Grains.Inference.Batching;
using Cluster.Grains.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using static Cluster.Grains.Tests.Fixtures.Batching;

namespace Cluster.Grains.Tests.Batching;

/// <summary>When a request runs on its caller's thread instead of the batcher's (<see cref="RecentRunTime"/>, <see cref="DynamicBatcher"/>).</summary>
public sealed class InlineRunTests
{
    private static async Task RunAlone(DynamicBatcher batcher, int count)
    {
        for (var i = 0; i < count; i++) Assert.Equal(InferenceStatus.Ok, (await batcher.Submit(Tagged(i))).Status);
    }

    [Fact]
    public async Task AShortRunOnAnIdleShardRunsOnTheCallersThreadAndIsAnsweredBeforeSubmitReturns()
    {
        using var runner = new FakeRunner(Echo());
        await using var batcher = Batcher(runner, Policy());
        await RunAlone(batcher, RecentRunTime.MinRuns);

        var answer = batcher.Submit(Tagged(42));

        Assert.True(answer.IsCompleted);
        Assert.Equal(Environment.CurrentManagedThreadId, runner.RunThreads[^1]);
        var outputs = (await answer).Outputs;
        Assert.Equal(new[] { 42f, 42f, 42f, 42f }, Floats(outputs[0]));
    }

    [Fact]
    public async Task AShardNotYetSeenToRunOftenRunsOnItsOwnThreads()
    {
        using var runner = new FakeRunner(Echo());
        await using var batcher = Batcher(runner, Policy());
        await RunAlone(batcher, RecentRunTime.MinRuns - 1);

        await SubmitReturnsBeforeTheRunEnds(runner, batcher);
    }

    /// <summary>Holds the runner and submits: Submit must hand the run to the batcher's threads and return at once.</summary>
    private static async Task SubmitReturnsBeforeTheRunEnds(FakeRunner runner, DynamicBatcher batcher)
    {
        var runs = runner.Runs.Count;
        runner.Hold();
        var submitted = Task.Factory.StartNew(() => batcher.Submit(Tagged(1)), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default);
        await runner.WaitForRunsAsync(runs + 1);
        var answer = await submitted.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(answer.IsCompleted);
        runner.Release();
        Assert.Equal(InferenceStatus.Ok, (await answer).Status);
    }

    [Fact]
    public async Task AModelWhoseRunsTakeLongNeverHoldsTheCallersThread()
    {
        var clock = new FakeTimeProvider();
        using var runner = new FakeRunner(Echo()) { During = () => clock.Advance(TimeSpan.FromMilliseconds(1)) };
        await using var batcher = Batcher(runner, Policy(time: clock), time: clock);
        await RunAlone(batcher, RecentRunTime.MinRuns + 2);

        await SubmitReturnsBeforeTheRunEnds(runner, batcher);
    }

    [Fact]
    public async Task WhileARequestRunsOnItsCallersThreadTheNextOnesQueueAndRunAsOneBatch()
    {
        using var runner = new FakeRunner(Echo());
        await using var batcher = Batcher(runner, Policy());
        await RunAlone(batcher, RecentRunTime.MinRuns);

        runner.Hold();
        var first = Task.Run(() => batcher.Submit(Tagged(-1)));
        await runner.WaitForRunsAsync(RecentRunTime.MinRuns + 1);
        var queued = new[] { batcher.Submit(Tagged(1)), batcher.Submit(Tagged(2)), batcher.Submit(Tagged(3)) };
        Assert.DoesNotContain(queued, t => t.IsCompleted);
        runner.Release();

        Assert.Equal(InferenceStatus.Ok, (await first).Status);
        var answers = await Task.WhenAll(queued);
        Assert.All(answers, a => Assert.Equal(InferenceStatus.Ok, a.Status));
        Assert.Equal(new[] { 1f, 2f, 3f }, RowTags(runner.Runs[^1]));
    }

    [Fact]
    public void TheMeanIsTrustedOnlyAfterEnoughShortRuns()
    {
        var runTime = new RecentRunTime(1_000_000);
        for (var i = 0; i < RecentRunTime.MinRuns - 1; i++) runTime.Ran(10);
        Assert.False(runTime.ShortEnoughToRunInline);
        runTime.Ran(10);
        Assert.True(runTime.ShortEnoughToRunInline);
        for (var i = 0; i < 40; i++) runTime.Ran(RecentRunTime.InlineLimitMicroseconds * 4);
        Assert.False(runTime.ShortEnoughToRunInline);
    }
}
