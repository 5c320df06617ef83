using Cluster.Admin.V1;
using Cluster.Grains.Audit;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace Cluster.Gateway.Admin;

/// <summary><c>cluster.admin.v1.InferenceAuditService</c>: the hash-chained inference audit trail; operators read any tenant's, a tenant its own.</summary>
public sealed class InferenceAuditAdminService(IClusterClient client) : InferenceAuditService.InferenceAuditServiceBase
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 10_000;

    public override async Task<ListAuditRecordsResponse> ListAuditRecords(ListAuditRecordsRequest request, ServerCallContext context)
    {
        AdminAccess.RequireOperatorOrOwnTenant(context, AdminAccess.RequireId(request.TenantId, "tenant_id"));
        var limit = request.Limit <= 0 ? DefaultLimit : Math.Min(request.Limit, MaxLimit);
        var records = await client.GetGrain<IAuditChainGrain>(request.TenantId).Query(request.From?.ToDateTimeOffset(), request.To?.ToDateTimeOffset(), limit);
        var response = new ListAuditRecordsResponse();
        response.Records.Add(records.Select(Map));
        return response;
    }

    public override async Task<VerifyAuditChainResponse> VerifyAuditChain(VerifyAuditChainRequest request, ServerCallContext context)
    {
        AdminAccess.RequireOperatorOrOwnTenant(context, AdminAccess.RequireId(request.TenantId, "tenant_id"));
        var result = await client.GetGrain<IAuditChainGrain>(request.TenantId).Verify();
        return new VerifyAuditChainResponse
        {
            Intact = result.Intact,
            RecordsChecked = result.RecordsChecked,
            FirstBrokenSequence = result.FirstBrokenSequence,
            Problem = result.Problem,
        };
    }

    private static InferenceAuditRecord Map(AuditRecord r) => new()
    {
        Sequence = r.Sequence,
        Time = Timestamp.FromDateTimeOffset(r.Time),
        RequestId = r.RequestId,
        TenantId = r.TenantId,
        KeyId = r.KeyId,
        Purpose = r.Purpose,
        Model = r.Model,
        Version = r.Version,
        ArtifactSha256 = r.ArtifactSha256,
        Lifecycle = r.Lifecycle,
        Decision = r.Decision,
        Reason = r.Reason,
        StatusCode = r.StatusCode,
        Units = r.Units,
        LatencyMs = r.LatencyMs,
        Silo = r.Silo,
        Device = r.Device,
        InputSha256 = r.InputSha256,
        OutputSha256 = r.OutputSha256,
        PreviousHash = r.PreviousHash,
        Hash = r.Hash,
    };
}
