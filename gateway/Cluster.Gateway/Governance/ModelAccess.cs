using System.Globalization;
using Cluster.Gateway.Catalog;
using Cluster.Gateway.Serving;
using Cluster.Gateway.Security;
using Cluster.Grains.Repository;
using Cluster.Grains.Tenancy;

namespace Cluster.Gateway.Governance;

/// <summary>
/// What a caller may see and use, from the gateway's local catalogs and tenant cache (no grain
/// call per request). Operators see every model but cannot run inference; tenants see and use
/// only what their policy, the model's visibility and its lifecycle allow.
/// </summary>
public sealed class ModelAccess(ModelCatalog catalog, GovernanceCatalog governance, TenantAccessCache tenants, TimeProvider time) : IInferenceAccess
{
    /// <summary>The version a tenant's inference runs on, and the purpose it runs under; or the denial.</summary>
    public async ValueTask<InferenceGrant> ResolveForInferenceAsync(
        CallerIdentity caller, string name, string version, string? statedPurpose)
    {
        if (caller.IsOperator) throw SecurityErrors.OperatorOnInferencePlane();
        var tenant = await tenants.GetAsync(caller.TenantId!);
        AccessEvaluator.RequireActive(tenant);
        var entry = VisibleModel(tenant, name);
        var model = governance.Get(name);
        var purpose = AccessEvaluator.ResolvePurpose(tenant.Policy, statedPurpose);
        var now = time.GetUtcNow();

        if (!string.IsNullOrEmpty(version))
        {
            var descriptor = FindVersion(entry, version);
            if (!AccessEvaluator.IsEntitled(tenant.Policy, entry, descriptor.Version))
                throw AccessEvaluator.NotEntitled(tenant.TenantId, name, descriptor.Version);
            RequireReady(descriptor);
            if (AccessEvaluator.LifecycleDenial(tenant.TenantId, name, model.Find(descriptor.Version), descriptor.Version, purpose, now) is { } denial)
                throw denial;
            return Grant(descriptor, purpose, model, tenant);
        }

        // Highest ready version first; a model with one version (the usual case) costs no sort on every call.
        var ready = entry.Versions is [var only] ? (only.IsReady ? entry.Versions : []) : [.. entry.Versions.Where(v => v.IsReady).OrderByDescending(v => v.Version)];
        ServingException? first = null;
        foreach (var candidate in ready)
        {
            if (!AccessEvaluator.IsEntitled(tenant.Policy, entry, candidate.Version))
            {
                first ??= AccessEvaluator.NotEntitled(tenant.TenantId, name, candidate.Version);
                continue;
            }
            var denial = AccessEvaluator.LifecycleDenial(tenant.TenantId, name, model.Find(candidate.Version), candidate.Version, purpose, now);
            if (denial is null) return Grant(candidate, purpose, model, tenant);
            first = first is null || first.Reason == AccessReasons.ModelNotEntitled ? denial : first;
        }
        throw first ?? catalog.Unavailable(entry);
    }

    /// <summary>A version the caller may look at (metadata, config, statistics).</summary>
    public async ValueTask<(ModelEntry Entry, ModelVersionDescriptor Version)> ResolveForMetadataAsync(CallerIdentity caller, string name, string version)
    {
        if (caller.IsOperator) return (catalog.ResolveModel(name), catalog.Resolve(name, version));
        var tenant = await ActiveTenant(caller);
        var entry = VisibleModel(tenant, name);
        if (string.IsNullOrEmpty(version))
        {
            var usable = UsableVersions(tenant, entry).FirstOrDefault(v => v.IsReady);
            if (usable is not null) return (entry, usable);
            var latest = entry.LatestReady ?? throw catalog.Unavailable(entry);
            throw AccessEvaluator.NotEntitled(tenant.TenantId, name, latest.Version);
        }
        var descriptor = FindVersion(entry, version);
        if (!AccessEvaluator.IsEntitled(tenant.Policy, entry, descriptor.Version))
            throw AccessEvaluator.NotEntitled(tenant.TenantId, name, descriptor.Version);
        return (entry with { Versions = UsableVersions(tenant, entry) }, RequireReady(descriptor));
    }

    /// <summary>Whether the version would serve the caller now (ModelReady).</summary>
    public async ValueTask<bool> IsReadyAsync(CallerIdentity caller, string name, string version)
    {
        if (caller.IsOperator)
        {
            var model = catalog.ResolveModel(name);
            return string.IsNullOrEmpty(version) ? model.LatestReady is not null : FindVersion(model, version).IsReady;
        }
        var tenant = await ActiveTenant(caller);
        var entry = VisibleModel(tenant, name);
        if (string.IsNullOrEmpty(version)) return UsableVersions(tenant, entry).Any(v => v.IsReady);
        var descriptor = FindVersion(entry, version);
        if (!AccessEvaluator.IsEntitled(tenant.Policy, entry, descriptor.Version))
            throw AccessEvaluator.NotEntitled(tenant.TenantId, name, descriptor.Version);
        return descriptor.IsReady && UsableVersions(tenant, entry).Contains(descriptor);
    }

    /// <summary>The repository as the caller may see it: everything for operators, usable versions for a tenant.</summary>
    public async ValueTask<RepositorySnapshot> VisibleSnapshotAsync(CallerIdentity caller)
    {
        var snapshot = catalog.Snapshot;
        if (caller.IsOperator) return snapshot;
        var tenant = await ActiveTenant(caller);
        var models = snapshot.Models
            .Where(m => AccessEvaluator.IsVisible(tenant, governance.Get(m.Name)))
            .Select(m => m with { Versions = UsableVersions(tenant, m), Reason = "" })
            .Where(m => m.Versions.Length > 0)
            .ToArray();
        return snapshot with { Models = models };
    }

    private static InferenceGrant Grant(ModelVersionDescriptor version, string purpose, Grains.Governance.ModelGovernance model, TenantAccess tenant) =>
        new(version, purpose, (model.Find(version.Version)?.State ?? Grains.Governance.LifecycleState.Draft).ToString(), tenant.Policy.Limits);

    private ModelVersionDescriptor[] UsableVersions(TenantAccess tenant, ModelEntry entry)
    {
        var model = governance.Get(entry.Name);
        var now = time.GetUtcNow();
        return entry.Versions
            .Where(v => AccessEvaluator.ServesAnyPermittedPurpose(tenant, entry, model.Find(v.Version), v.Version, now))
            .OrderByDescending(v => v.Version)
            .ToArray();
    }

    private async ValueTask<TenantAccess> ActiveTenant(CallerIdentity caller)
    {
        var tenant = await tenants.GetAsync(caller.TenantId!);
        AccessEvaluator.RequireActive(tenant);
        return tenant;
    }

    /// <summary>The model, unless it is another tenant's private model: then exactly as if it did not exist.</summary>
    private ModelEntry VisibleModel(TenantAccess tenant, string name)
    {
        var entry = catalog.ResolveModel(name);
        if (!AccessEvaluator.IsVisible(tenant, governance.Get(name))) throw catalog.UnknownModel(name);
        return entry;
    }

    private static ModelVersionDescriptor FindVersion(ModelEntry entry, string version)
    {
        if (long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && entry.Find(number) is { } found) return found;
        var available = string.Join(", ", entry.Versions.Select(v => v.VersionText));
        throw new ServingException(ServingCode.NotFound, ErrorReasons.VersionNotFound,
            $"model '{entry.Name}' has no version '{(version.Length <= 64 ? version : version[..64] + "...")}'; versions served: {(available.Length > 0 ? available : "none")}.");
    }

    private static ModelVersionDescriptor RequireReady(ModelVersionDescriptor descriptor) => descriptor.IsReady
        ? descriptor
        : throw new ServingException(ServingCode.Unavailable, ErrorReasons.ModelUnavailable,
            $"model '{descriptor.Name}' version {descriptor.Version} is unavailable: {descriptor.Reason}");
}
