using Cluster.Admin.V1;
using Cluster.Gateway.Catalog;
using Cluster.Gateway.Governance;
using Cluster.Grains.Governance;
using Grpc.Core;

namespace Cluster.Gateway.Admin;

/// <summary><c>cluster.admin.v1.ModelService</c>: model governance, for operators.</summary>
public sealed class ModelAdminService(IClusterClient client, ModelCatalog catalog, GovernanceCatalog governance) : ModelService.ModelServiceBase
{
    public override Task<ListModelsResponse> ListModels(ListModelsRequest request, ServerCallContext context)
    {
        AdminAccess.RequireOperator(context);
        var response = new ListModelsResponse();
        foreach (var model in catalog.Snapshot.Models)
        {
            var g = governance.Get(model.Name);
            var versions = model.Versions.Select(v => v.Version).Concat(g.Versions.Select(v => v.Version)).Distinct().Order();
            foreach (var v in versions)
                response.Versions.Add(AdminMappings.Version(model.Name, g, g.Find(v), v, model.Find(v)));
        }
        return Task.FromResult(response);
    }

    public override async Task<ModelVersion> GetModelCard(GetModelCardRequest request, ServerCallContext context)
    {
        AdminAccess.RequireOperator(context);
        var version = AdminAccess.ParseVersion(request.Version);
        var g = await Grain(request.Model).Get();
        var v = g.Find(version) ?? throw new GovernanceException(GovernanceError.NotFound, "VERSION_NOT_FOUND",
            $"model '{request.Model}' has no registered version {version}.");
        return AdminMappings.Version(request.Model, g, v, version, catalog.Snapshot.Find(request.Model)?.Find(version));
    }

    public override Task<ModelVersion> SetLifecycle(SetLifecycleRequest request, ServerCallContext context)
    {
        var caller = AdminAccess.RequireOperator(context);
        if (request.State == Cluster.Admin.V1.LifecycleState.Unspecified)
            throw new GovernanceException(GovernanceError.InvalidArgument, "INVALID_ARGUMENT", "state is required: DRAFT, VALIDATED, APPROVED, DEPRECATED or RETIRED.");
        return Change(request.Model, request.Version, (grain, v) =>
            grain.SetLifecycle(v, (Grains.Governance.LifecycleState)(int)request.State, request.SunsetAt?.ToDateTimeOffset(), caller.Actor));
    }

    public override Task<ModelVersion> ApproveModel(ApproveModelRequest request, ServerCallContext context)
    {
        var caller = AdminAccess.RequireOperator(context);
        var tenant = Target(request.TargetCase == ApproveModelRequest.TargetOneofCase.AllTenants && request.AllTenants, request.TenantId);
        return Change(request.Model, request.Version, (grain, v) => grain.Approve(v, tenant, caller.Actor));
    }

    public override Task<ModelVersion> WithdrawApproval(WithdrawApprovalRequest request, ServerCallContext context)
    {
        var caller = AdminAccess.RequireOperator(context);
        var tenant = Target(request.TargetCase == WithdrawApprovalRequest.TargetOneofCase.AllTenants && request.AllTenants, request.TenantId);
        return Change(request.Model, request.Version, (grain, v) => grain.Withdraw(v, tenant, caller.Actor));
    }

    private async Task<ModelVersion> Change(string model, string versionText, Func<IModelGovernanceGrain, long, Task<VersionGovernance>> change)
    {
        AdminAccess.RequireId(model, "model");
        var version = AdminAccess.ParseVersion(versionText);
        var grain = Grain(model);
        var changed = await change(grain, version);
        var g = await grain.Get();
        governance.Put(g);
        return AdminMappings.Version(model, g, changed, version, catalog.Snapshot.Find(model)?.Find(version));
    }

    private static string? Target(bool allTenants, string tenantId) => allTenants
        ? null
        : string.IsNullOrEmpty(tenantId)
            ? throw new GovernanceException(GovernanceError.InvalidArgument, "INVALID_ARGUMENT", "name a tenant_id or set all_tenants.")
            : tenantId;

    private IModelGovernanceGrain Grain(string model) => client.GetGrain<IModelGovernanceGrain>(model);
}
