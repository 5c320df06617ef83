using Cluster.Admin.V1;
using Cluster.IntegrationTests.Infrastructure;

namespace Cluster.IntegrationTests.Tenancy;

/// <summary>
/// Tenants read back from storage keep their own policies. A regression test: defaults that were
/// shared instances (the empty policy, no limits) were filled in place when state was read, so
/// after a reactivation every tenant saw the policy read last — deny by default broken.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StoredStateIsolationTests(ClusterFixture cluster)
{
    [Fact]
    public async Task TenantsReadBackFromStorageKeepTheirOwnPoliciesAndLimits()
    {
        await cluster.CreateTenantAsync("stored-limited", ["identity-fp32"], [Purposes.Treat], Purposes.Treat);
        var limited = new SetPolicyRequest { TenantId = "stored-limited", DefaultPurpose = Purposes.Treat, Limits = new Limits { Concurrency = 3, DailyUnits = 7 } };
        limited.Entitlements.Add(new Entitlement { Model = "identity-fp32", Version = "*" });
        limited.PermittedPurposes.Add(Purposes.Treat);
        await cluster.Operator.Policies.SetPolicyAsync(limited);
        await cluster.CreateTenantAsync("stored-open", ["identity-int32"], [Purposes.Research], Purposes.Research);

        // Every idle grain goes; the next reads activate the tenants again from their stored state.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var first = await Policy("stored-limited");
        var second = await Policy("stored-open");
        var shared = await Policy(ClusterFixture.TestTenant);
        await cluster.CreateTenantAsync("stored-new", [], [Purposes.Treat]);
        var fresh = await Policy("stored-new");

        Assert.Equal((3, 7L), (first.Limits.Concurrency, first.Limits.DailyUnits));
        Assert.Equal(["identity-fp32"], first.Entitlements.Select(e => e.Model));
        Assert.Equal(new Limits(), second.Limits);
        Assert.Equal(["identity-int32"], second.Entitlements.Select(e => e.Model));
        Assert.Equal(new Limits(), shared.Limits);
        Assert.Empty(fresh.Entitlements);
        Assert.Equal(new Limits(), fresh.Limits);
    }

    private async Task<Policy> Policy(string tenant) =>
        await cluster.Operator.Policies.GetPolicyAsync(new GetPolicyRequest { TenantId = tenant });
}
