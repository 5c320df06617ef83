using System.Collections.Concurrent;
using Cluster.Admin.V1;
using Cluster.IntegrationTests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Inference;

namespace Cluster.IntegrationTests.Metering;

/// <summary>Rate, concurrency and volume limits, enforced from leased quota, within their documented bounds.</summary>
[Collection(ClusterCollection.Name)]
public sealed class QuotaTests(ClusterFixture cluster)
{
    private const string Model = "identity-fp32";

    [Fact]
    public async Task RateLimitHoldsUnderABurstFromManyCallers()
    {
        const double rate = 20;
        var key = await Tenant("quota-rate", new Limits { RatePerSecond = rate, Burst = 20 });
        var client = cluster.ClientFor(key);
        var ok = 0;
        var refusals = new ConcurrentBag<RpcException>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var window = TimeSpan.FromSeconds(2);
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            while (clock.Elapsed < window)
            {
                try
                {
                    await client.ModelInferAsync(Requests.Identity(Model));
                    Interlocked.Increment(ref ok);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
                {
                    refusals.Add(ex);
                    await Task.Delay(5);
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;

        // Documented bound: burst + rate x time + one lease chunk per gateway (0.1 s of rate).
        var bound = 20 + rate * elapsed + Math.Ceiling(rate * 0.1);
        Assert.InRange(ok, (int)(rate * window.TotalSeconds * 0.8), (int)Math.Ceiling(bound * 1.05));
        Assert.NotEmpty(refusals);
        var refusal = refusals.First();
        var status = refusal.GetRpcStatus()!;
        Assert.Equal("RATE_LIMITED", status.GetDetail<ErrorInfo>()!.Reason);
        Assert.True(status.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan() > TimeSpan.Zero);
        Assert.Equal("tenant:quota-rate", status.GetDetail<QuotaFailure>()!.Violations[0].Subject);
    }

    [Fact]
    public async Task ConcurrencyLimitRefusesTheCallOverIt()
    {
        var key = await Tenant("quota-concurrency", new Limits { Concurrency = 2 }, "wide-mlp");
        var client = cluster.ClientFor(key);
        var outcomes = await Outcomes(Enumerable.Range(0, 16).Select(_ => client.ModelInferAsync(WideMlp(16)).ResponseAsync));
        Assert.Contains(outcomes, o => o is null);
        var refused = outcomes.OfType<RpcException>().ToArray();
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.Equal("CONCURRENCY_LIMITED", r.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason));
        Assert.NotNull(refused[0].GetRpcStatus()!.GetDetail<RetryInfo>());
        await client.ModelInferAsync(WideMlp(1));
    }

    [Fact]
    public async Task DailyQuotaRunsOutAndResetsAtUtcMidnight()
    {
        var key = await Tenant("quota-daily", new Limits { DailyUnits = 10 });
        var client = cluster.ClientFor(key);
        try
        {
            for (var i = 0; i < 5; i++) await client.ModelInferAsync(Requests.Raw(Model, ("INPUT0", "FP32", [2, 4], new byte[32])));
            var refused = await Expect.Refused(StatusCode.ResourceExhausted, "DAILY_QUOTA_EXHAUSTED", () => client.ModelInferAsync(Requests.Identity(Model)).ResponseAsync,
                "has used its daily quota of 10 inference units; it resets at");
            var info = refused.GetRpcStatus()!.GetDetail<ErrorInfo>()!;
            var resetsAt = DateTimeOffset.Parse(info.Metadata["resets_at"], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(TimeSpan.Zero, resetsAt.TimeOfDay);
            Assert.NotNull(refused.GetRpcStatus()!.GetDetail<QuotaFailure>());

            cluster.Clock.Advance(resetsAt - cluster.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            await client.ModelInferAsync(Requests.Identity(Model));
        }
        finally
        {
            cluster.Clock.Reset();
        }
    }

    [Fact]
    public async Task TwoGatewaysShareOneTenantsVolumeLimit()
    {
        const int limit = 200;
        var key = await Tenant("quota-shared", new Limits { DailyUnits = limit });
        await using var second = await cluster.StartExtraGatewayAsync();
        var clients = new[] { cluster.ClientFor(key), second.ClientFor(key) };
        var ok = 0;
        var refused = 0;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    await clients[(worker + i) % 2].ModelInferAsync(Requests.Identity(Model));
                    Interlocked.Increment(ref ok);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.ResourceExhausted)
                {
                    Interlocked.Increment(ref refused);
                }
            }
        }));
        // Documented bound: the limit, plus at most one unit lease (1% of the limit) per gateway.
        Assert.InRange(ok, limit - 2 * 2, limit + 2 * 2);
        Assert.Equal(320, ok + refused);
    }

    [Fact]
    public async Task FullModelQueueAnswersUnavailable()
    {
        var key = await Tenant("quota-queue", new Limits(), "wide-mlp");
        var client = cluster.ClientFor(key);
        // The test silo runs one execution per shard at a time, and wide-mlp queues at most 2 (its config); more waiting callers are refused.
        // A burst whose calls happen to reach the shard no faster than it runs them fills nothing (seen once in a full run on two busy
        // cores), so bursts repeat, up to five, until one overflows.
        var outcomes = Array.Empty<RpcException?>();
        for (var burst = 0; burst < 5 && !outcomes.Any(o => o is not null); burst++)
            outcomes = await Outcomes(Enumerable.Range(0, 40).Select(_ => client.ModelInferAsync(WideMlp(16)).ResponseAsync));
        Assert.Contains(outcomes, o => o is null);
        Assert.Contains(outcomes, o => o?.StatusCode == StatusCode.Unavailable);
        Assert.All(outcomes.OfType<RpcException>(), o => Assert.Contains("queue is full (max_queue_size 2)", o.Status.Detail));
    }

    private async Task<string> Tenant(string id, Limits limits, string model = Model)
    {
        var key = await cluster.CreateTenantAsync(id, [model], [Purposes.Treat], Purposes.Treat);
        var policy = await cluster.Operator.Policies.GetPolicyAsync(new GetPolicyRequest { TenantId = id });
        var update = new SetPolicyRequest { TenantId = id, DefaultPurpose = policy.DefaultPurpose, Limits = limits };
        update.Entitlements.Add(policy.Entitlements);
        update.PermittedPurposes.Add(policy.PermittedPurposes);
        await cluster.Operator.Policies.SetPolicyAsync(update);
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = model, Version = "1", TenantId = id });
        return key;
    }

    /// <summary>Each call's refusal, or null for a success.</summary>
    private static Task<RpcException?[]> Outcomes<T>(IEnumerable<Task<T>> calls) => Task.WhenAll(calls.Select(async c =>
    {
        try { await c; return null; }
        catch (RpcException ex) { return ex; }
    }));

    private static ModelInferRequest WideMlp(int rows) =>
        Requests.Raw("wide-mlp", ("x", "FP32", [rows, 2048], new byte[rows * 2048 * 4]));
}
