using Cluster.Admin.V1;
using Cluster.Gateway.Serving;
using Cluster.Gateway.Security;
using Cluster.Grains.Governance;
using Grpc.Core;

namespace Cluster.Gateway.Admin;

/// <summary><c>cluster.admin.v1.GovernanceAuditService</c>: operators read every change; a tenant reads its own.</summary>
public sealed class GovernanceAuditAdminService(IClusterClient client) : GovernanceAuditService.GovernanceAuditServiceBase
{
    public const int DefaultLimit = 100;

    public override async Task<ListGovernanceEventsResponse> ListGovernanceEvents(ListGovernanceEventsRequest request, ServerCallContext context)
    {
        var caller = Callers.Get(context);
        string? tenant = string.IsNullOrEmpty(request.TenantId) ? null : request.TenantId;
        if (!caller.IsOperator)
        {
            if (tenant is not null && tenant != caller.TenantId) throw SecurityErrors.NotYourTenant();
            tenant = caller.TenantId;
        }
        var limit = request.Limit <= 0 ? DefaultLimit : Math.Min(request.Limit, 1000);
        var events = await client.GetGrain<IGovernanceAuditGrain>(0).List(tenant, request.From?.ToDateTimeOffset(), request.To?.ToDateTimeOffset(), limit);
        var response = new ListGovernanceEventsResponse();
        response.Events.Add(events.Select(AdminMappings.Event));
        return response;
    }
}
