using Cluster.Grains.Inference;
using Cluster.Gateway.Serving;
using Cluster.Grains.Governance;
using Cluster.Grains.Repository;
using Cluster.Grains.Tenancy;

namespace Cluster.Gateway.Governance;

/// <summary>
/// The deny-by-default rules, as pure functions of the tenant's state and policy, the model's
/// repository entry and governance, the stated purpose and the time. Order: a private model of
/// another tenant is NOT_FOUND (indistinguishable from an unknown model); a suspended tenant is
/// denied; the version must be entitled; for inference, the purpose must be stated (or defaulted)
/// and permitted, and the version's lifecycle must serve it: Approved and Deprecated-before-sunset
/// serve approved tenants, Validated serves HRESCH only, Draft and Retired serve nothing.
/// </summary>
public static class AccessEvaluator
{
    public static void RequireActive(TenantAccess tenant)
    {
        if (!tenant.Exists)
            throw new ServingException(ServingCode.PermissionDenied, AccessReasons.TenantUnknown, $"tenant '{tenant.TenantId}' no longer exists.");
        if (tenant.State == TenantState.Suspended)
            throw new ServingException(ServingCode.PermissionDenied, AccessReasons.TenantSuspended, $"tenant '{tenant.TenantId}' is suspended.");
    }

    public static bool IsVisible(TenantAccess tenant, ModelGovernance governance) => governance.IsVisibleTo(tenant.TenantId);

    public static bool IsEntitled(TenantPolicy policy, ModelEntry model, long version)
    {
        foreach (var e in policy.Entitlements)
        {
            if (e.Model != model.Name) continue;
            if (e.Version == Entitlement.Any) return true;
            if (e.Version == Entitlement.Latest && model.LatestReady?.Version == version) return true;
            if (e.Version == version.ToString(System.Globalization.CultureInfo.InvariantCulture)) return true;
        }
        return false;
    }

    /// <summary>The purpose a call runs under: the stated one, else the policy's default.</summary>
    public static string ResolvePurpose(TenantPolicy policy, string? stated)
    {
        var purpose = string.IsNullOrEmpty(stated) ? policy.DefaultPurpose : stated;
        if (string.IsNullOrEmpty(purpose))
            throw new ServingException(ServingCode.InvalidArgument, AccessReasons.PurposeRequired,
                $"no purpose of use stated; send request parameter '{PurposeOfUse.Parameter}' or metadata '{PurposeOfUse.Header}' (the tenant's policy sets no default).");
        if (!PurposeOfUse.Known.Contains(purpose))
            throw new ServingException(ServingCode.InvalidArgument, AccessReasons.PurposeUnknown,
                $"purpose of use '{ClientText.Clip(purpose)}' is not an HL7 v3 PurposeOfUse code (e.g. TREAT, HOPERAT, HRESCH, PUBHLTH).");
        if (Array.IndexOf(policy.PermittedPurposes, purpose) < 0)
            throw new ServingException(ServingCode.PermissionDenied, AccessReasons.PurposeNotPermitted,
                $"purpose of use {purpose} is not permitted by the tenant's policy (permitted: {(policy.PermittedPurposes.Length == 0 ? "none" : string.Join(", ", policy.PermittedPurposes))}).");
        return purpose;
    }

    /// <summary>Null when the version may serve the purpose to the tenant; otherwise the denial.</summary>
    public static ServingException? LifecycleDenial(string tenantId, string model, VersionGovernance? governance, long version, string purpose, DateTimeOffset now)
    {
        var state = governance?.State ?? LifecycleState.Draft;
        switch (state)
        {
            case LifecycleState.Draft:
            case LifecycleState.Retired:
                return Denied(AccessReasons.LifecycleNotServable, $"{Name(model, version)} is {state}; it serves no purpose.");
            case LifecycleState.Deprecated when governance!.SunsetAt is { } sunset && now >= sunset:
                return Denied(AccessReasons.LifecycleNotServable, $"{Name(model, version)} is Deprecated and passed its sunset at {sunset:O}; it serves no purpose.");
            case LifecycleState.Validated:
                return purpose == PurposeOfUse.HealthcareResearch
                    ? null
                    : Denied(AccessReasons.LifecycleNotServable, $"{Name(model, version)} is Validated; it serves research (HRESCH) only, not {purpose}.");
            default:
                return governance!.IsApprovedFor(tenantId)
                    ? null
                    : Denied(AccessReasons.ModelNotApproved, $"{Name(model, version)} is {state} but not approved for tenant '{tenantId}'.");
        }
    }

    private static string Name(string model, long version) => $"model '{model}' version {version}";

    /// <summary>Whether the version serves at least one purpose the policy permits (what a tenant is shown).</summary>
    public static bool ServesAnyPermittedPurpose(TenantAccess tenant, ModelEntry model, VersionGovernance? governance, long version, DateTimeOffset now) =>
        IsEntitled(tenant.Policy, model, version)
        && tenant.Policy.PermittedPurposes.Any(p => LifecycleDenial(tenant.TenantId, model.Name, governance, version, p, now) is null);

    public static ServingException NotEntitled(string tenantId, string model, long version) =>
        Denied(AccessReasons.ModelNotEntitled, $"tenant '{tenantId}' is not entitled to model '{model}' version {version}.");

    private static ServingException Denied(string reason, string message) => new ServingException(ServingCode.PermissionDenied, reason, message);
}
