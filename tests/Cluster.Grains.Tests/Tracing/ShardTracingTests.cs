using System.Collections.Concurrent;
using System.Diagnostics;
using Cluster.Grains.Inference;
using Cluster.Grains.Tests.Fixtures;
using Cluster.Grains.Tracing;
using static Cluster.Grains.Tests.Fixtures.Batching;

namespace Cluster.Grains.Tests.Tracing;

/// <summary>The shard's queue and run spans: one of each per traced request, in that request's trace, with batch rows and device and nothing of the tensors.</summary>
public sealed class ShardTracingTests
{
    private const string CallerName = "Cluster.Grains.Tests.Caller";
    private static readonly ActivitySource Caller = new(CallerName);

    [Fact]
    public async Task EachRequestOfABatchGetsQueueAndRunSpansInItsOwnTrace()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is ShardTracing.SourceName or CallerName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var runner = new FakeRunner(Echo());
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8));
        runner.Hold();
        var first = batcher.Submit(Tagged(-1));
        await runner.WaitForRunsAsync(1);

        var parents = new List<Activity>();
        var calls = new List<Task<InferenceResponse>>();
        for (var i = 0; i < 3; i++)
        {
            using var parent = Caller.StartActivity("grain-call")!;
            parents.Add(parent);
            calls.Add(batcher.Submit(Tagged(31337.25f, rows: i + 1)));
        }
        runner.Release();
        await Task.WhenAll(calls);
        await first;
        await WaitFor(() => parents.All(p => spans.Count(s => s.TraceId == p.TraceId && s.OperationName == ShardTracing.RunSpan) == 1),
            () => string.Join("; ", spans.Select(s => $"{s.Source.Name}:{s.OperationName} {s.TraceId} {s.ParentSpanId}")) + " parents " + string.Join(",", parents.Select(p => p.TraceId)));

        foreach (var parent in parents)
        {
            var trace = spans.Where(s => s.TraceId == parent.TraceId && s.Source.Name == ShardTracing.SourceName).ToArray();
            var queue = Assert.Single(trace, s => s.OperationName == ShardTracing.QueueSpan);
            var run = Assert.Single(trace, s => s.OperationName == ShardTracing.RunSpan);
            Assert.Equal(parent.SpanId, queue.ParentSpanId);
            Assert.Equal(parent.SpanId, run.ParentSpanId);
            Assert.True(queue.Duration > TimeSpan.Zero);
            Assert.Equal(6L, run.GetTagItem(TraceTags.BatchSize));
            Assert.Equal(3, run.GetTagItem(TraceTags.BatchRequests));
            Assert.Equal("cpu", run.GetTagItem(TraceTags.Device));
            Assert.Equal(["batch.requests", "batch.size", "device", "model.name", "model.version"], run.TagObjects.Select(t => t.Key).Order());
            Assert.Equal(["device", "model.name", "model.version"], queue.TagObjects.Select(t => t.Key).Order());
            Assert.DoesNotContain(trace.SelectMany(s => s.TagObjects), t => t.Value?.ToString()?.Contains("31337") == true);
        }
    }

    [Fact]
    public async Task AnUntracedRequestMakesNoSpans()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ShardTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var runner = new FakeRunner(Echo() with { Name = "untraced-echo" });
        await using var batcher = Batcher(runner, Policy(maxBatchSize: 8));
        Activity.Current = null;

        Assert.True((await batcher.Submit(Tagged(1))).IsOk);
        await Task.Delay(100);

        Assert.DoesNotContain(spans, s => Equals(s.GetTagItem(TraceTags.Model), "untraced-echo"));
    }

    private static async Task WaitFor(Func<bool> condition, Func<string>? seen = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("spans did not arrive within 10 s: " + seen?.Invoke());
            await Task.Delay(10);
        }
    }
}
