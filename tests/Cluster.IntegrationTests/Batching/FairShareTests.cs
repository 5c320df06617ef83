using System.Diagnostics;
using Cluster.Admin.V1;
using Cluster.IntegrationTests.Infrastructure;
using Inference;

namespace Cluster.IntegrationTests.Batching;

/// <summary>
/// Two tenants flooding one model: the shard's batcher serves them by weighted fair share, with
/// the weights from their policies (docs/batching.md), so neither starves the other.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class FairShareTests(ClusterFixture cluster, Xunit.Abstractions.ITestOutputHelper output)
{
    private const int CallersPerTenant = 6;
    private const int Rows = 16;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(4);

    [Fact]
    public async Task AFloodingTenantGetsItsWeightedShareAndTheOtherIsNotStarved()
    {
        var heavy = cluster.ClientFor(await Tenant("fair-heavy", weight: 3));
        var light = cluster.ClientFor(await Tenant("fair-light", weight: 0));

        var (heavyDone, lightDone) = await FloodBoth(heavy, light);

        output.WriteLine($"weight 3: {heavyDone}, weight 1: {lightDone}");
        // Fair share gives 3 : 1 while both wait in the shard's queue (measured alone: 354 : 118,
        // 361 : 120 with mutual TLS between gateway and silo); arrival order, what any queue in
        // front of the shard gives, would be 1 : 1. Other work on the machine (the other test
        // projects run at the same time on 2 cores) moves some of the waiting in front of the
        // shard: 302 : 174 was seen in a full run. The bound sits between.
        Assert.True(lightDone >= 8, $"the light tenant completed only {lightDone} calls while the heavy one completed {heavyDone}.");
        var ratio = (double)heavyDone / lightDone;
        Assert.True(ratio is >= 1.5 and <= 4.5, $"weight 3 completed {heavyDone} calls, weight 1 {lightDone}.");
    }

    [Fact]
    public async Task EqualWeightsShareTheModelEvenlyWhateverTheCallerCounts()
    {
        var many = cluster.ClientFor(await Tenant("fair-many", weight: 1));
        var few = cluster.ClientFor(await Tenant("fair-few", weight: 1));

        var (manyDone, fewDone) = await FloodBoth(many, few, firstCallers: CallersPerTenant * 3, secondCallers: CallersPerTenant);

        output.WriteLine($"18 callers: {manyDone}, 6 callers: {fewDone}");
        // Fair share gives 1 : 1 (measured alone: 187 : 186); arrival order would give 3 : 1.
        var ratio = (double)manyDone / Math.Max(1, fewDone);
        Assert.True(ratio is >= 0.5 and <= 2.0, $"18 callers of one tenant completed {manyDone} calls, 6 of the other {fewDone}.");
    }

    /// <summary>Completions of each tenant's calls that end inside the measured window, with every caller looping.</summary>
    private static async Task<(int First, int Second)> FloodBoth(
        GRPCInferenceService.GRPCInferenceServiceClient first, GRPCInferenceService.GRPCInferenceServiceClient second,
        int firstCallers = CallersPerTenant, int secondCallers = CallersPerTenant)
    {
        // One call each first: the shard's activation (loading the wide MLP) is not part of the window.
        await first.ModelInferAsync(Request());
        await second.ModelInferAsync(Request());
        var clock = Stopwatch.StartNew();
        var counts = new int[2];
        async Task Loop(GRPCInferenceService.GRPCInferenceServiceClient client, int slot)
        {
            while (clock.Elapsed < Settle + Window)
            {
                await client.ModelInferAsync(Request());
                var now = clock.Elapsed;
                if (now >= Settle && now < Settle + Window) Interlocked.Increment(ref counts[slot]);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, firstCallers).Select(_ => Loop(first, 0))
            .Concat(Enumerable.Range(0, secondCallers).Select(_ => Loop(second, 1))));
        return (counts[0], counts[1]);
    }

    private async Task<string> Tenant(string id, double weight)
    {
        var key = await cluster.CreateTenantAsync(id, [TestRepository.FairShare], [Purposes.Treat], Purposes.Treat);
        var policy = await cluster.Operator.Policies.GetPolicyAsync(new GetPolicyRequest { TenantId = id });
        var update = new SetPolicyRequest { TenantId = id, DefaultPurpose = policy.DefaultPurpose, Limits = new Limits { FairShareWeight = weight } };
        update.Entitlements.Add(policy.Entitlements);
        update.PermittedPurposes.Add(policy.PermittedPurposes);
        Assert.Equal(weight, (await cluster.Operator.Policies.SetPolicyAsync(update)).Limits.FairShareWeight);
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = TestRepository.FairShare, Version = "1", TenantId = id });
        return key;
    }

    /// <summary>A whole batch (16 rows) per request, so each run is long against the path to it and the shard's queue, not the path, is what both tenants wait in.</summary>
    private static ModelInferRequest Request() =>
        Requests.Raw(TestRepository.FairShare, ("x", "FP32", [Rows, 2048], new byte[Rows * 2048 * 4]));
}
