using System.Collections.Concurrent;
using System.Diagnostics;
using Cluster.Gateway.Telemetry;
using Cluster.Grains.Inference;
using Cluster.Grains.Tracing;
using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace Cluster.IntegrationTests.Tracing;

/// <summary>
/// Sends one call carrying a client's <c>traceparent</c> and checks that it yields one connected
/// trace through the gateway, the grain call and the shard. The fixtures run gateway and silo in
/// the test's process, so an <see cref="ActivityListener"/> on the sources <c>AddClusterTracing</c>
/// exports sees both sides as an OTLP exporter would.
/// </summary>
public static class ConnectedTrace
{
    private static readonly string[] Sources =
        ["Microsoft.AspNetCore", GatewayTracing.SourceName, TracingHostingExtensions.OrleansSource, ShardTracing.SourceName];

    public static async Task AssertOneCallYieldsOneTreeAsync(ClusterFixture cluster)
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => Sources.Contains(s.Name),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var traceId = ActivityTraceId.CreateRandom();
        var clientSpan = ActivitySpanId.CreateRandom();
        const string requestId = "request-id-TRACE-7f3a";
        var request = Requests.Fp32Identity();
        request.Id = requestId;

        var response = await cluster.Client.ModelInferAsync(request, new Metadata { { "traceparent", $"00-{traceId}-{clientSpan}-01" } });
        Assert.Equal(requestId, response.Id);

        // The server span and the run span end just after the answer leaves: wait for both.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        Activity[] trace = [];
        while (DateTime.UtcNow < deadline)
        {
            trace = [.. spans.Where(s => s.TraceId == traceId)];
            if (trace.Any(s => s.Source.Name == "Microsoft.AspNetCore") && trace.Any(s => s.OperationName == ShardTracing.RunSpan)) break;
            await Task.Delay(50);
        }

        var names = string.Join(", ", trace.Select(s => $"{s.Source.Name}:{s.OperationName}"));
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        var root = Assert.Single(trace, s => s.ParentSpanId == clientSpan);
        Assert.Equal("Microsoft.AspNetCore", root.Source.Name);
        Assert.All(trace, s => Assert.True(s.ParentSpanId == clientSpan || ids.Contains(s.ParentSpanId), $"{s.OperationName} has a parent outside the trace ({names})"));

        var infer = Assert.Single(trace, s => s.Source.Name == GatewayTracing.SourceName);
        Assert.Equal(root.SpanId, infer.ParentSpanId);
        Assert.Equal(ClusterFixture.TestTenant, infer.GetTagItem(TraceTags.Tenant));
        Assert.Equal("identity-fp32", infer.GetTagItem(TraceTags.Model));
        Assert.Equal("1", infer.GetTagItem(TraceTags.Version));
        Assert.Equal(1, infer.GetTagItem(TraceTags.Attempts));

        // infer -> Orleans client span (the call) -> Orleans server span (the shard's Infer) -> queue, run.
        var queue = Assert.Single(trace, s => s.OperationName == ShardTracing.QueueSpan);
        var run = Assert.Single(trace, s => s.OperationName == ShardTracing.RunSpan);
        Assert.Equal(queue.ParentSpanId, run.ParentSpanId);
        var shardCall = Assert.Single(trace, s => s.SpanId == queue.ParentSpanId);
        Assert.Equal((TracingHostingExtensions.OrleansSource, ActivityKind.Server), (shardCall.Source.Name, shardCall.Kind));
        var gatewayCall = Assert.Single(trace, s => s.SpanId == shardCall.ParentSpanId);
        Assert.Equal((TracingHostingExtensions.OrleansSource, ActivityKind.Client), (gatewayCall.Source.Name, gatewayCall.Kind));
        Assert.Equal(infer.SpanId, gatewayCall.ParentSpanId);
        Assert.Equal(1L, run.GetTagItem(TraceTags.BatchSize));
        Assert.Equal("cpu", run.GetTagItem(TraceTags.Device) as string, StringComparer.OrdinalIgnoreCase);

        // Nothing the request carried rides on a span: not its id, not the key.
        var values = string.Join('\n', trace.SelectMany(s => s.TagObjects).Select(t => $"{t.Key}={t.Value}"));
        Assert.DoesNotContain(requestId, values);
        Assert.DoesNotContain(cluster.TenantKey, values);
        Assert.DoesNotContain("authorization", values, StringComparison.OrdinalIgnoreCase);
    }
}
