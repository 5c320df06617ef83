using System.Diagnostics;
using Cluster.Grains.Inference.Batching;
using Cluster.Grains.Tracing;

namespace Cluster.Grains.Inference;

/// <summary>
/// The shard's spans (ActivitySource <see cref="SourceName"/>): per request, <c>queue</c> (arrival
/// at the shard to dispatch in a batch) and <c>run</c> (the batch's execution that answered it),
/// both children of the request's grain call span, which Orleans' activity propagation continues
/// from the gateway. A batch serves requests of many traces; each member's trace gets its own
/// <c>run</c> span, tagged with the whole batch's rows and request count, rather than one batch
/// span linked to every member: a sampled trace is then complete by itself (a linked batch span
/// takes its own sampling decision and may be dropped while the request is kept), at the price of
/// one span per member instead of one per batch. Spans are made only while a listener samples
/// them (<see cref="ActivitySource.HasListeners"/>): no cost when tracing is off. Start and end
/// times come from the shard's <see cref="TimeProvider"/>, the clock its queue times are read on.
/// </summary>
public static class ShardTracing
{
    public const string SourceName = "Cluster.Shard";
    public const string QueueSpan = "queue";
    public const string RunSpan = "run";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>The trace the caller is in (the grain call's span), kept with the queued request.</summary>
    internal static ActivityContext Capture() => Source.HasListeners() && Activity.Current is { } current ? current.Context : default;

    /// <summary>Records each member's wait in the queue, from its arrival to <paramref name="dispatched"/> (<paramref name="time"/>'s timestamps).</summary>
    internal static void Queued(List<PendingRequest> batch, long dispatched, IModelRunner runner, TimeProvider time)
    {
        if (!Source.HasListeners()) return;
        var now = time.GetUtcNow();
        var end = now - time.GetElapsedTime(dispatched);
        foreach (var p in batch)
        {
            if (p.Trace == default) continue;
            var span = Start(QueueSpan, p.Trace, now - time.GetElapsedTime(p.Arrived), runner);
            if (span is null) continue;
            span.SetEndTime(end.UtcDateTime);
            Stop(span);
        }
    }

    /// <summary>Starts one <c>run</c> span per traced member of a batch about to execute; null when none is traced.</summary>
    internal static Activity[]? Running(List<PendingRequest> batch, IModelRunner runner, TimeProvider time)
    {
        if (!Source.HasListeners()) return null;
        List<Activity>? spans = null;
        long rows = 0;
        foreach (var p in batch) rows += p.Rows;
        foreach (var p in batch)
        {
            if (p.Trace == default) continue;
            var span = Start(RunSpan, p.Trace, time.GetUtcNow(), runner);
            if (span is null) continue;
            span.SetTag(TraceTags.BatchSize, rows);
            span.SetTag(TraceTags.BatchRequests, batch.Count);
            (spans ??= []).Add(span);
        }
        return spans?.ToArray();
    }

    /// <summary>Ends run spans; a failure is marked with its exception's type only (ONNX Runtime's own text can quote input values).</summary>
    internal static void Ran(Activity[]? spans, TimeProvider time, Exception? failure = null)
    {
        if (spans is null) return;
        var end = time.GetUtcNow().UtcDateTime;
        foreach (var span in spans)
        {
            if (failure is not null) span.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
            span.SetEndTime(end);
            Stop(span);
        }
    }

    private static Activity? Start(string name, ActivityContext parent, DateTimeOffset start, IModelRunner runner)
    {
        // An explicit parent: the batcher's threads carry no request's context. Activity.Current is
        // put back so that one member's span never becomes the parent of the next.
        var current = Activity.Current;
        var span = Source.StartActivity(name, ActivityKind.Internal, parent, startTime: start);
        Activity.Current = current;
        if (span is null) return null;
        span.SetTag(TraceTags.Model, runner.Model.Name);
        span.SetTag(TraceTags.Version, runner.Model.VersionText);
        span.SetTag(TraceTags.Device, runner.Device);
        return span;
    }

    private static void Stop(Activity span)
    {
        var current = Activity.Current;
        span.Stop();
        Activity.Current = current;
    }
}
