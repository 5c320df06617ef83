using Cluster.Admin.V1;
using Cluster.Gateway.Security;
using Cluster.Grains.Tenancy;
using Grpc.Core;

namespace Cluster.Gateway.Admin;

/// <summary><c>cluster.admin.v1.TenantService</c>: tenants' lifecycle (operators), a tenant's own record (its keys too).</summary>
public sealed class TenantAdminService(IClusterClient client, TenantAccessCache tenants) : TenantService.TenantServiceBase
{
    public override async Task<Tenant> CreateTenant(CreateTenantRequest request, ServerCallContext context)
    {
        var caller = AdminAccess.RequireOperator(context);
        var info = await Grain(AdminAccess.RequireId(request.Id, "id")).Create(request.DisplayName, caller.Actor);
        tenants.Invalidate(info.Id);
        return AdminMappings.Tenant(info);
    }

    public override async Task<Tenant> GetTenant(GetTenantRequest request, ServerCallContext context)
    {
        AdminAccess.RequireOperatorOrOwnTenant(context, request.Id);
        return AdminMappings.Tenant(await Grain(AdminAccess.RequireId(request.Id, "id")).Get());
    }

    public override async Task<ListTenantsResponse> ListTenants(ListTenantsRequest request, ServerCallContext context)
    {
        AdminAccess.RequireOperator(context);
        var ids = await client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.DefaultKey).List();
        var response = new ListTenantsResponse();
        response.Tenants.Add((await Task.WhenAll(ids.Select(id => Grain(id).Get()))).Select(AdminMappings.Tenant));
        return response;
    }

    public override async Task<Tenant> SuspendTenant(SuspendTenantRequest request, ServerCallContext context)
    {
        var caller = AdminAccess.RequireOperator(context);
        var info = await Grain(AdminAccess.RequireId(request.Id, "id")).Suspend(request.Reason, caller.Actor);
        tenants.Invalidate(info.Id);
        return AdminMappings.Tenant(info);
    }

    public override async Task<Tenant> ResumeTenant(ResumeTenantRequest request, ServerCallContext context)
    {
        var caller = AdminAccess.RequireOperator(context);
        var info = await Grain(AdminAccess.RequireId(request.Id, "id")).Resume(caller.Actor);
        tenants.Invalidate(info.Id);
        return AdminMappings.Tenant(info);
    }

    private ITenantGrain Grain(string id) => client.GetGrain<ITenantGrain>(id);
}
