using Cluster.Admin.V1;
using Cluster.Gateway.Security;
using Cluster.Grains.Tenancy;
using Grpc.Core;

namespace Cluster.Gateway.Admin;

/// <summary><c>cluster.admin.v1.PolicyService</c>: operators set policies; a tenant may read its own.</summary>
public sealed class PolicyAdminService(IClusterClient client, TenantAccessCache tenants) : PolicyService.PolicyServiceBase
{
    public override async Task<Policy> GetPolicy(GetPolicyRequest request, ServerCallContext context)
    {
        AdminAccess.RequireOperatorOrOwnTenant(context, request.TenantId);
        return AdminMappings.Policy(request.TenantId, await Grain(request.TenantId).GetPolicy());
    }

    public override async Task<Policy> SetPolicy(SetPolicyRequest request, ServerCallContext context)
    {
        var caller = AdminAccess.RequireOperator(context);
        var policy = await Grain(request.TenantId).SetPolicy(
            request.Entitlements.Select(e => new Grains.Tenancy.Entitlement(e.Model, e.Version)).ToArray(),
            [.. request.PermittedPurposes],
            request.DefaultPurpose,
            request.Limits is { } l ? new Grains.Quota.TenantLimits(l.RatePerSecond, l.Burst, l.Concurrency, l.DailyUnits, l.MonthlyUnits, l.FairShareWeight) : Grains.Quota.TenantLimits.None,
            request.ExpectedRevision,
            caller.Actor);
        tenants.Invalidate(request.TenantId);
        return AdminMappings.Policy(request.TenantId, policy);
    }

    private ITenantGrain Grain(string tenantId) => client.GetGrain<ITenantGrain>(AdminAccess.RequireId(tenantId, "tenant_id"));
}
