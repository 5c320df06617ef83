using Cluster.Admin.V1;
using Cluster.Grains.Tenancy;
using Grpc.Core;

namespace Cluster.Gateway.Admin;

/// <summary><c>cluster.admin.v1.KeyService</c>: operators issue and revoke; a tenant may list its own keys.</summary>
public sealed class KeyAdminService(IClusterClient client) : KeyService.KeyServiceBase
{
    public override async Task<IssueKeyResponse> IssueKey(IssueKeyRequest request, ServerCallContext context)
    {
        var caller = AdminAccess.RequireOperator(context);
        var issued = await Grain(request.TenantId).IssueKey(request.Name, request.ExpiresAt?.ToDateTimeOffset(), caller.Actor);
        return new IssueKeyResponse { Key = AdminMappings.Key(issued.Key), Secret = issued.Credential };
    }

    public override async Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context)
    {
        AdminAccess.RequireOperatorOrOwnTenant(context, request.TenantId);
        var response = new ListKeysResponse();
        response.Keys.Add((await Grain(request.TenantId).ListKeys()).Select(AdminMappings.Key));
        return response;
    }

    public override async Task<ApiKey> RevokeKey(RevokeKeyRequest request, ServerCallContext context)
    {
        var caller = AdminAccess.RequireOperator(context);
        return AdminMappings.Key(await Grain(request.TenantId).RevokeKey(AdminAccess.RequireId(request.KeyId, "key_id"), caller.Actor));
    }

    private ITenantGrain Grain(string tenantId) => client.GetGrain<ITenantGrain>(AdminAccess.RequireId(tenantId, "tenant_id"));
}
