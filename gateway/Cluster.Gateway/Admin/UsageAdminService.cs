using Cluster.Admin.V1;
using Cluster.Gateway.Serving;
using Cluster.Grains.Metering;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Cluster.Gateway.Admin;

/// <summary><c>cluster.admin.v1.UsageService</c>: metered usage; operators read any tenant's, a tenant its own.</summary>
public sealed class UsageAdminService(IClusterClient client, TimeProvider time) : UsageService.UsageServiceBase
{
    public override async Task<GetUsageResponse> GetUsage(GetUsageRequest request, ServerCallContext context)
    {
        AdminAccess.RequireOperatorOrOwnTenant(context, AdminAccess.RequireId(request.TenantId, "tenant_id"));
        var now = time.GetUtcNow();
        var from = request.From?.ToDateTimeOffset() ?? new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var to = request.To?.ToDateTimeOffset() ?? new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        if (to <= from) throw Admin("'to' must be after 'from'.");
        var grain = client.GetGrain<IUsageGrain>(request.TenantId);
        var totals = (await grain.Query(from, to, Grains.Metering.UsageGrouping.None)).FirstOrDefault();
        var response = new GetUsageResponse
        {
            TenantId = request.TenantId,
            Requests = totals?.Requests ?? 0,
            Units = totals?.Units ?? 0,
            ComputeNs = totals?.ComputeNs ?? 0,
            QueueNs = totals?.QueueNs ?? 0,
            From = Timestamp.FromDateTimeOffset(from),
            To = Timestamp.FromDateTimeOffset(to),
        };
        if (request.GroupBy != Cluster.Admin.V1.UsageGrouping.Unspecified)
        {
            var rows = await grain.Query(from, to, (Grains.Metering.UsageGrouping)(int)request.GroupBy);
            response.Rows.Add(rows.Select(r => new UsageRow { Group = r.Group, Requests = r.Requests, Units = r.Units, ComputeNs = r.ComputeNs, QueueNs = r.QueueNs }));
        }
        return response;
    }

    private static ServingException Admin(string message) => new ServingException(ServingCode.InvalidArgument, "INVALID_ARGUMENT", message);
}
