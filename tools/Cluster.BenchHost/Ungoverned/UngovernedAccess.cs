using Cluster.Gateway.Catalog;
using Cluster.Gateway.Governance;
using Cluster.Gateway.Security;
using Cluster.Grains.Governance;
using Cluster.Grains.Quota;
using Cluster.Grains.Tenancy;

namespace Cluster.BenchHost.Ungoverned;

/// <summary>
/// Bench only, never in the product: inference resolves the model from the catalog and nothing
/// else — no tenant, policy, purpose or lifecycle check — and always runs under TREAT with no
/// limits. The grant's lifecycle is a constant "Approved" (nothing is looked up), so the audit
/// record that follows has the same shape as a governed one.
/// </summary>
public sealed class UngovernedAccess(ModelCatalog catalog) : IInferenceAccess
{
    private static readonly string Lifecycle = LifecycleState.Approved.ToString();

    public ValueTask<InferenceGrant> ResolveForInferenceAsync(CallerIdentity caller, string name, string version, string? statedPurpose) =>
        ValueTask.FromResult(new InferenceGrant(catalog.Resolve(name, version), PurposeOfUse.Treatment, Lifecycle, TenantLimits.None));
}
