using Cluster.Grains.Inference;
using Cluster.Grains.Inference.Batching;
using Cluster.Grains.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using static Cluster.Grains.Tests.Fixtures.Batching;

namespace Cluster.Grains.Tests.Batching;

/// <summary>The batcher's scheduling with a logic-only runner (<see cref="FakeRunner"/>): what is batched with what, when, and in which order.</summary>
public sealed class DynamicBatcherTests
{
    /// <summary>
    /// Real time the scheduling loop gets to reach its sleep before a test moves the clock, or to
    /// act (wrongly) before a test checks that it has not. No time passes on the batcher's clock.
    /// </summary>
    private static readonly TimeSpan LoopChance = TimeSpan.FromMilliseconds(100);

    /// <summary>Real time a test waits for an answer that a fake clock has made due.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Holds the runner on a first request so that the next ones queue behind it.</summary>
    private static async Task<Task<InferenceResponse>> Occupy(FakeRunner runner, DynamicBatcher batcher)
    {
        runner.Hold();
        var first = batcher.Submit(Tagged(-1, tenant: "warm-up"));
        await runner.WaitForRunsAsync(1);
        return first;
    }

    [Fact]
    public async Task QueuedRequestsRunInBatchesOfAtMostMaxBatchSize()
    {
        using var runner = new FakeRunner(Echo());
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8));
        var first = await Occupy(runner, batcher);

        var calls = Enumerable.Range(0, 20).Select(i => batcher.Submit(Tagged(i))).ToArray();
        runner.Release();
        var responses = await Task.WhenAll(calls);

        Assert.Equal([1L, 8L, 8L, 4L], runner.Runs.Select(r => r.Inputs[0].Shape[0]));
        Assert.True((await first).IsOk);
        for (var i = 0; i < 20; i++)
        {
            Assert.True(responses[i].IsOk, responses[i].Message);
            Assert.Equal([1L, 4L], responses[i].Outputs[0].Shape);
            Assert.All(Floats(responses[i].Outputs[0]), v => Assert.Equal(i, v));
        }
    }

    [Fact]
    public async Task PreferredBatchSizesAreFormedWhenTheQueueAllowsThem()
    {
        using var runner = new FakeRunner(Echo());
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8, preferred: [2, 4], delayMicroseconds: 20_000));
        var first = await Occupy(runner, batcher);

        var calls = Enumerable.Range(0, 7).Select(i => batcher.Submit(Tagged(i))).ToArray();
        runner.Release();
        await Task.WhenAll(calls);
        await first;

        Assert.Equal([1L, 4L, 2L, 1L], runner.Runs.Select(r => r.Inputs[0].Shape[0]));
    }

    [Fact]
    public async Task ALoneRequestWaitsTheQueueDelayAndLaterArrivalsJoinIt()
    {
        // A ten-minute delay: only the batcher's clock, not real time, can let it pass within the test.
        var clock = new FakeTimeProvider();
        using var runner = new FakeRunner(Echo());
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8, delayMicroseconds: 600_000_000, time: clock), time: clock);

        var first = batcher.Submit(Tagged(1));
        await Task.Delay(LoopChance);
        clock.Advance(TimeSpan.FromMilliseconds(50));
        var second = batcher.Submit(Tagged(2, rows: 2));
        await Task.Delay(LoopChance);
        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(51));
        await Task.Delay(LoopChance);
        Assert.Empty(runner.Runs);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        await Task.WhenAll(first, second).WaitAsync(Patience);

        var run = Assert.Single(runner.Runs);
        Assert.Equal([1f, 2f, 2f], RowTags(run));
        Assert.Equal(600_000_000_000, (await first).Timings.QueueNs);
        Assert.Equal(599_950_000_000, (await second).Timings.QueueNs);
    }

    [Fact]
    public async Task AFullBatchDoesNotWaitForTheDelay()
    {
        var clock = new FakeTimeProvider();
        using var runner = new FakeRunner(Echo(maxBatchSize: 4));
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 4, delayMicroseconds: 5_000_000, time: clock), time: clock);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => batcher.Submit(Tagged(i)))).WaitAsync(Patience);

        Assert.Equal(4L, Assert.Single(runner.Runs).Inputs[0].Shape[0]);
        Assert.All(responses, r => Assert.Equal(0, r.Timings.QueueNs));
    }

    [Fact]
    public async Task AFullQueueAnswersUnavailable()
    {
        using var runner = new FakeRunner(Echo());
        var statistics = new ShardStatisticsRecorder();
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8, maxQueueSize: 3), statistics);
        var first = await Occupy(runner, batcher);

        var queued = Enumerable.Range(0, 3).Select(i => batcher.Submit(Tagged(i))).ToArray();
        var refused = await batcher.Submit(Tagged(9));
        runner.Release();

        Assert.Equal(InferenceStatus.Unavailable, refused.Status);
        Assert.Equal("model 'echo' version 1 queue is full (max_queue_size 3); retry later.", refused.Message);
        Assert.All(await Task.WhenAll(queued), r => Assert.True(r.IsOk));
        await first;
        Assert.Equal(1, statistics.Snapshot("cpu").Fail.Count);
    }

    [Fact]
    public async Task ARequestThatOutwaitsItsTimeoutIsAnsweredDeadlineExceededWithoutRunning()
    {
        var clock = new FakeTimeProvider();
        using var runner = new FakeRunner(Echo());
        var statistics = new ShardStatisticsRecorder(clock);
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8, time: clock), statistics, clock);
        var first = await Occupy(runner, batcher);

        // Ten minutes: only the batcher's clock, not real time, can let it pass within the test.
        var expiring = batcher.Submit(Tagged(1, timeoutMicroseconds: 600_000_000));
        var patient = batcher.Submit(Tagged(2, timeoutMicroseconds: 3_600_000_000));
        await Task.Delay(LoopChance);
        clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        await Task.Delay(LoopChance);
        Assert.False(expiring.IsCompleted, "answered before its timeout");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var expired = await expiring.WaitAsync(Patience);
        runner.Release();

        Assert.Equal(InferenceStatus.DeadlineExceeded, expired.Status);
        Assert.Equal("request to model 'echo' version 1 waited in the queue longer than its timeout of 600000000 us; it was not run.", expired.Message);
        Assert.True((await patient.WaitAsync(Patience)).IsOk);
        await first;
        Assert.DoesNotContain(runner.Runs, r => RowTags(r).Contains(1f));
        Assert.Equal(new StatisticDuration(1, 600_000_000_000), statistics.Snapshot("cpu").Fail);
    }

    [Fact]
    public async Task HigherPriorityLevelsRunFirstAndPriorityZeroTakesTheDefaultLevel()
    {
        using var runner = new FakeRunner(Echo(maxBatchSize: 1));
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 1, priorityLevels: 3, defaultPriorityLevel: 2));
        var first = await Occupy(runner, batcher);

        var calls = new[]
        {
            batcher.Submit(Tagged(1, priority: 3)),
            batcher.Submit(Tagged(2, priority: 0)),
            batcher.Submit(Tagged(3, priority: 1)),
            batcher.Submit(Tagged(4, priority: 2)),
            batcher.Submit(Tagged(5, priority: 7)),
        };
        runner.Release();
        await Task.WhenAll(calls);
        await first;

        Assert.Equal([3f, 2f, 4f, 5f, 1f], runner.Runs.Skip(1).Select(r => RowTags(r)[0]));
    }

    [Fact]
    public async Task AFloodingTenantDoesNotStarveAnother()
    {
        using var runner = new FakeRunner(Echo(maxBatchSize: 4));
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 4));
        var first = await Occupy(runner, batcher);

        var flood = Enumerable.Range(0, 200).Select(i => batcher.Submit(Tagged(i, tenant: "a"))).ToArray();
        var calm = Enumerable.Range(0, 10).Select(i => batcher.Submit(Tagged(1000 + i, tenant: "b"))).ToArray();
        runner.Release();
        await Task.WhenAll(flood.Concat(calm));
        await first;

        var served = runner.Runs.Skip(1).SelectMany(RowTags).ToList();
        Assert.Equal(210, served.Count);
        // Every one of b's requests is served among the first 22 of 210, while a's backlog still has 188 to go.
        Assert.InRange(served.FindLastIndex(t => t >= 1000), 9, 21);
        Assert.True(calm.All(c => c.IsCompleted));
        Assert.True(flood.Count(c => c.Result.Timings.QueueNs > calm.Max(b => b.Result.Timings.QueueNs)) >= 150);
    }

    [Fact]
    public async Task WeightsThreeToOneGiveAboutThreeQuartersOfTheRows()
    {
        using var runner = new FakeRunner(Echo(maxBatchSize: 4));
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 4));
        var first = await Occupy(runner, batcher);

        var calls = Enumerable.Range(0, 200).SelectMany(i => new[]
        {
            batcher.Submit(Tagged(i, tenant: "heavy", weight: 3)),
            batcher.Submit(Tagged(1000 + i, tenant: "light", weight: 1)),
        }).ToArray();
        runner.Release();
        await Task.WhenAll(calls);
        await first;

        var firstHundred = runner.Runs.Skip(1).SelectMany(RowTags).Take(100).ToList();
        Assert.InRange(firstHundred.Count(t => t < 1000), 72, 78);
    }

    [Fact]
    public async Task AFailingRequestFailsAloneAndItsBatchMatesAreAnswered()
    {
        using var runner = new FakeRunner(Echo()) { Fail = r => RowTags(r).Contains(2f) ? InferenceException.Invalid("bad row") : null };
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8));
        var first = await Occupy(runner, batcher);

        var calls = Enumerable.Range(0, 4).Select(i => batcher.Submit(Tagged(i))).ToArray();
        runner.Release();
        var responses = await Task.WhenAll(calls);
        await first;

        Assert.Equal([true, true, false, true], responses.Select(r => r.IsOk));
        Assert.Equal(InferenceStatus.InvalidArgument, responses[2].Status);
        Assert.Equal("bad row", responses[2].Message);
    }

    [Fact]
    public async Task StatisticsCountExecutionsPerBatchAndRequestsPerRow()
    {
        using var runner = new FakeRunner(Echo());
        var statistics = new ShardStatisticsRecorder();
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8), statistics);
        var first = await Occupy(runner, batcher);

        var calls = new[] { batcher.Submit(Tagged(1)), batcher.Submit(Tagged(2, rows: 2)), batcher.Submit(Tagged(3)) };
        runner.Release();
        await Task.WhenAll(calls);
        await first;
        var s = statistics.Snapshot("cpu");

        Assert.Equal(5, s.InferenceCount);
        Assert.Equal(2, s.ExecutionCount);
        Assert.Equal(4, s.Success.Count);
        Assert.Equal(4, s.Queue.Count);
        Assert.Equal(4, s.ComputeInfer.Count);
        Assert.Equal([1L, 4L], s.Batches.Select(b => b.BatchSize));
        Assert.Equal(1, s.Batches[1].ComputeInfer.Count);
    }

    [Fact]
    public async Task RequestsOfDifferentLengthsRunSeparatelyWhenPaddingIsOff()
    {
        using var runner = new FakeRunner(Ragged());
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8, padding: false));
        var first = await Occupy(runner, batcher);

        var calls = new[]
        {
            batcher.Submit(Tagged(1, width: 3, model: "ragged")), batcher.Submit(Tagged(2, width: 3, model: "ragged")),
            batcher.Submit(Tagged(3, width: 5, model: "ragged")), batcher.Submit(Tagged(4, width: 5, model: "ragged")),
        };
        runner.Release();
        var responses = await Task.WhenAll(calls);
        await first;

        Assert.Equal([[1L, 4L], [2L, 3L], [2L, 5L]], runner.Runs.Select(r => r.Inputs[0].Shape));
        Assert.Equal([3L, 3L, 5L, 5L], responses.Select(r => r.Outputs[0].Shape[1]));
    }

    [Fact]
    public async Task PaddedRequestsGetTheirOwnLengthBack()
    {
        using var runner = new FakeRunner(Ragged());
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8));
        var first = await Occupy(runner, batcher);

        var calls = new[]
        {
            batcher.Submit(Tagged(1, width: 2, model: "ragged")),
            batcher.Submit(Tagged(2, rows: 2, width: 5, model: "ragged")),
            batcher.Submit(Tagged(3, width: 3, model: "ragged")),
        };
        runner.Release();
        var responses = await Task.WhenAll(calls);
        await first;

        var batch = runner.Runs[1].Inputs[0];
        Assert.Equal([4L, 5L], batch.Shape);
        Assert.Equal([1f, 1f, 0f, 0f, 0f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 2f, 3f, 3f, 3f, 0f, 0f], Floats(batch));
        Assert.Equal([[1L, 2L], [2L, 5L], [1L, 3L]], responses.Select(r => r.Outputs[0].Shape));
        Assert.Equal([3f, 3f, 3f], Floats(responses[2].Outputs[0]));
    }

    [Fact]
    public async Task ManyConcurrentCallersOnSeveralSlotsAreEachAnsweredWithTheirOwnRows()
    {
        using var runner = new FakeRunner(Echo());
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8, preferred: [4], delayMicroseconds: 200, concurrency: 3));

        var callers = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 100; i++)
            {
                var id = c * 1000 + i;
                var rows = i % 3 + 1;
                var response = await batcher.Submit(Tagged(id, rows, tenant: $"t{c % 3}", weight: c % 2 + 1, priority: i % 2));
                Assert.True(response.IsOk, response.Message);
                Assert.Equal([rows, 4L], response.Outputs[0].Shape);
                Assert.All(Floats(response.Outputs[0]), v => Assert.Equal(id, v));
            }
        }));
        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(8 * Enumerable.Range(0, 100).Sum(i => i % 3 + 1), runner.Runs.Sum(r => r.Inputs[0].Shape[0]));
        Assert.True(runner.Runs.Count < 800, "some requests shared an execution");
    }

    [Fact]
    public async Task StoppingAnswersQueuedRequestsUnavailableAndMarksThemNotRunWhileTheRunningBatchFinishes()
    {
        using var runner = new FakeRunner(Echo());
        var batcher = Batcher(runner, Policy(maxBatchSize: 8));
        var first = await Occupy(runner, batcher);
        var queued = batcher.Submit(Tagged(1));

        var stopping = batcher.DisposeAsync().AsTask();
        var answer = await queued;
        runner.Release();
        await stopping;

        Assert.Equal(InferenceStatus.Unavailable, answer.Status);
        Assert.True(answer.NotRun);
        var finished = await first;
        Assert.True(finished.IsOk);
        Assert.False(finished.NotRun);
        var late = await batcher.Submit(Tagged(2));
        Assert.Equal(InferenceStatus.Unavailable, late.Status);
        Assert.True(late.NotRun);
    }
}
