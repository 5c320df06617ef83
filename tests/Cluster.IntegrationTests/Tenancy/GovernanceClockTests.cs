using Cluster.Admin.V1;
using Cluster.IntegrationTests.Infrastructure;

namespace Cluster.IntegrationTests.Tenancy;

/// <summary>The tenant grain and the governance audit trail stamp their changes with the silo's clock (its TimeProvider), not the machine's.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GovernanceClockTests(ClusterFixture cluster)
{
    [Fact]
    public async Task TenantPolicyKeyAndAuditTimesComeFromTheClustersClock()
    {
        cluster.Clock.Advance(TimeSpan.FromDays(1));
        try
        {
            var before = cluster.Clock.GetUtcNow();
            var tenant = await cluster.Operator.Tenants.CreateTenantAsync(new CreateTenantRequest { Id = "clock-times", DisplayName = "Clock times" });
            var policy = await cluster.Operator.Policies.SetPolicyAsync(new SetPolicyRequest { TenantId = "clock-times", PermittedPurposes = { Purposes.Treat } });
            var key = (await cluster.Operator.Keys.IssueKeyAsync(new IssueKeyRequest { TenantId = "clock-times", Name = "clock" })).Key;
            var after = cluster.Clock.GetUtcNow();
            var events = (await cluster.Operator.Audit.ListGovernanceEventsAsync(new ListGovernanceEventsRequest { TenantId = "clock-times" })).Events;

            Assert.InRange(tenant.CreatedAt.ToDateTimeOffset(), before, after);
            Assert.InRange(policy.UpdatedAt.ToDateTimeOffset(), before, after);
            Assert.InRange(key.CreatedAt.ToDateTimeOffset(), before, after);
            Assert.Equal(["tenant.create", "policy.set", "key.issue"], events.Select(e => e.Action));
            Assert.All(events, e => Assert.InRange(e.Time.ToDateTimeOffset(), before, after));
        }
        finally
        {
            cluster.Clock.Reset();
        }
    }
}
