using Cluster.Admin.V1;
using Cluster.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace Cluster.IntegrationTests.Tenancy;

/// <summary>Governance state survives a full restart; concurrent changes are serialised and each audited.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GovernanceDurabilityTests(ClusterFixture cluster)
{
    [Fact]
    public async Task FullRestartLosesNoTenantKeyPolicyOrModelState()
    {
        const string model = "gov-isolation";
        var key = await cluster.CreateTenantAsync("durable", [model], [Purposes.Treat, Purposes.Research], Purposes.Research);
        var revoked = (await cluster.Operator.Keys.IssueKeyAsync(new IssueKeyRequest { TenantId = "durable", Name = "to-revoke" })).Key.KeyId;
        await cluster.Operator.Keys.RevokeKeyAsync(new RevokeKeyRequest { TenantId = "durable", KeyId = revoked });
        await cluster.Operator.Models.SetLifecycleAsync(new SetLifecycleRequest { Model = model, Version = "1", State = LifecycleState.Approved });
        await cluster.Operator.Models.ApproveModelAsync(new ApproveModelRequest { Model = model, Version = "1", TenantId = "durable" });
        await cluster.ClientFor(key).ModelInferAsync(Requests.Identity(model));
        var eventsBefore = (await cluster.Operator.Audit.ListGovernanceEventsAsync(new ListGovernanceEventsRequest { TenantId = "durable" })).Events.Count;

        await cluster.StopClusterAsync();
        await cluster.Storage.RestartAsync();
        await cluster.StartClusterAsync();

        var tenant = await cluster.Operator.Tenants.GetTenantAsync(new GetTenantRequest { Id = "durable" });
        Assert.Equal(TenantState.Active, tenant.State);
        var policy = await cluster.Operator.Policies.GetPolicyAsync(new GetPolicyRequest { TenantId = "durable" });
        Assert.Equal([Purposes.Treat, Purposes.Research], policy.PermittedPurposes.ToArray());
        Assert.Equal(Purposes.Research, policy.DefaultPurpose);
        var keys = (await cluster.Operator.Keys.ListKeysAsync(new ListKeysRequest { TenantId = "durable" })).Keys;
        Assert.Equal(2, keys.Count);
        Assert.True(keys.Single(k => k.KeyId == revoked).Revoked);
        var card = await cluster.Operator.Models.GetModelCardAsync(new GetModelCardRequest { Model = model, Version = "1" });
        Assert.Equal(LifecycleState.Approved, card.State);
        Assert.Contains("durable", card.ApprovedTenants);
        Assert.Equal(eventsBefore, (await cluster.Operator.Audit.ListGovernanceEventsAsync(new ListGovernanceEventsRequest { TenantId = "durable" })).Events.Count);

        await cluster.ClientFor(key).ModelInferAsync(Requests.Identity(model));
    }

    [Fact]
    public async Task ConcurrentPolicyChangesAreEachAppliedOnceAndAudited()
    {
        await cluster.CreateTenantAsync("concurrent", ["identity-fp32"], [Purposes.Treat]);
        var start = (await cluster.Operator.Policies.GetPolicyAsync(new GetPolicyRequest { TenantId = "concurrent" })).Revision;
        const int changes = 20;
        var results = await Task.WhenAll(Enumerable.Range(0, changes).Select(i =>
        {
            var request = new SetPolicyRequest { TenantId = "concurrent", PermittedPurposes = { Purposes.Treat } };
            request.Entitlements.Add(new Entitlement { Model = $"model-{i}", Version = "*" });
            return cluster.Operator.Policies.SetPolicyAsync(request).ResponseAsync;
        }));

        Assert.Equal(Enumerable.Range(1, changes).Select(i => start + i), results.Select(r => r.Revision).Order());
        var final = await cluster.Operator.Policies.GetPolicyAsync(new GetPolicyRequest { TenantId = "concurrent" });
        Assert.Equal(start + changes, final.Revision);
        Assert.Equal(results.Single(r => r.Revision == final.Revision).Entitlements, final.Entitlements);
        var audited = (await cluster.Operator.Audit.ListGovernanceEventsAsync(new ListGovernanceEventsRequest { TenantId = "concurrent", Limit = 1000 }))
            .Events.Count(e => e.Action == "policy.set");
        Assert.Equal(changes + 1, audited);
    }

    [Fact]
    public async Task StaleConditionalPolicyChangeIsRefused()
    {
        await cluster.CreateTenantAsync("conditional", ["identity-fp32"], [Purposes.Treat]);
        var read = await cluster.Operator.Policies.GetPolicyAsync(new GetPolicyRequest { TenantId = "conditional" });
        var first = new SetPolicyRequest { TenantId = "conditional", PermittedPurposes = { Purposes.Operations }, ExpectedRevision = read.Revision };
        await cluster.Operator.Policies.SetPolicyAsync(first);
        var second = new SetPolicyRequest { TenantId = "conditional", PermittedPurposes = { Purposes.Research }, ExpectedRevision = read.Revision };
        await Expect.Refused(StatusCode.FailedPrecondition, "POLICY_REVISION_CHANGED", () => cluster.Operator.Policies.SetPolicyAsync(second).ResponseAsync);
    }

    [Fact]
    public async Task EveryGovernanceChangeIsAuditedWithActorBeforeAndAfter()
    {
        await cluster.CreateTenantAsync("audited", ["identity-fp32"], [Purposes.Treat]);
        await cluster.Operator.Tenants.SuspendTenantAsync(new SuspendTenantRequest { Id = "audited", Reason = "review" });
        var key = (await cluster.Operator.Keys.ListKeysAsync(new ListKeysRequest { TenantId = "audited" })).Keys.Single();
        await cluster.Operator.Keys.RevokeKeyAsync(new RevokeKeyRequest { TenantId = "audited", KeyId = key.KeyId });

        var events = (await cluster.Operator.Audit.ListGovernanceEventsAsync(new ListGovernanceEventsRequest { TenantId = "audited" })).Events;
        Assert.Equal(["tenant.create", "policy.set", "key.issue", "tenant.suspend", "key.revoke"], events.Select(e => e.Action).ToArray());
        var operatorId = "operator:" + cluster.OperatorKey.Split('_')[1];
        Assert.All(events, e => Assert.Equal(operatorId, e.Actor));
        var suspend = events.Single(e => e.Action == "tenant.suspend");
        Assert.Contains("\"State\":1", suspend.BeforeJson);
        Assert.Contains("\"State\":2", suspend.AfterJson);
        Assert.Contains("review", suspend.AfterJson);
        Assert.All(events, e => Assert.True(e.Time.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.DoesNotContain(events, e => e.AfterJson.Contains("Sha256") || e.AfterJson.Contains("hsk_"));

        var models = (await cluster.Operator.Audit.ListGovernanceEventsAsync(new ListGovernanceEventsRequest { Limit = 1000 })).Events;
        Assert.Contains(models, e => e.Action == "model.lifecycle" && e.Target == "model/identity-fp32/1");
        Assert.Contains(models, e => e.Action == "model.register" && e.Actor == "operator:system");
    }
}
