using Cluster.Grains.Inference;
using System.Globalization;
using Cluster.Grains.Governance;
using Cluster.Grains.Repository;

namespace Cluster.Grains.Tenancy;

/// <summary>Checks a policy change before it is stored; each problem is INVALID_ARGUMENT naming the value.</summary>
internal static class PolicyValidator
{
    public const int MaxEntitlements = 1000;

    public static void Validate(Entitlement[] entitlements, string[] purposes, string defaultPurpose)
    {
        if (entitlements.Length > MaxEntitlements)
            throw GovernanceException.Invalid($"a policy may hold at most {MaxEntitlements} entitlements.");
        foreach (var e in entitlements)
        {
            if (!ModelConfigReader.ModelNamePattern().IsMatch(e.Model))
                throw GovernanceException.Invalid($"entitlement model '{ClientText.Clip(e.Model)}' is not a valid model name.");
            if (e.Version is not (Entitlement.Latest or Entitlement.Any)
                && !(long.TryParse(e.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0))
                throw GovernanceException.Invalid($"entitlement '{e.Model}:{ClientText.Clip(e.Version)}' must name a version number, 'latest' or '*'.");
        }
        foreach (var p in purposes)
        {
            if (!PurposeOfUse.Known.Contains(p))
                throw GovernanceException.Invalid($"purpose '{ClientText.Clip(p)}' is not an HL7 v3 PurposeOfUse code (e.g. TREAT, HOPERAT, HRESCH, PUBHLTH).");
        }
        if (defaultPurpose.Length > 0 && Array.IndexOf(purposes, defaultPurpose) < 0)
            throw GovernanceException.Invalid($"default purpose '{ClientText.Clip(defaultPurpose)}' must be one of the permitted purposes.");
    }

    public static void Validate(Quota.TenantLimits limits)
    {
        if (!double.IsFinite(limits.RatePerSecond) || limits.RatePerSecond < 0) throw GovernanceException.Invalid("rate must be 0 (no limit) or a positive number of requests per second.");
        if (limits.Burst < 0) throw GovernanceException.Invalid("burst must be 0 (one second of rate) or more.");
        if (limits.Burst > 0 && limits.RatePerSecond == 0) throw GovernanceException.Invalid("burst needs a rate.");
        if (limits.Concurrency < 0) throw GovernanceException.Invalid("concurrency must be 0 (no limit) or more.");
        if (limits.DailyUnits < 0) throw GovernanceException.Invalid("daily units must be 0 (no limit) or more.");
        if (limits.MonthlyUnits < 0) throw GovernanceException.Invalid("monthly units must be 0 (no limit) or more.");
        if (!double.IsFinite(limits.FairShareWeight) || limits.FairShareWeight < 0 || limits.FairShareWeight > Quota.TenantLimits.MaxFairShareWeight)
            throw GovernanceException.Invalid($"fair-share weight must be 0 (the default, 1) or a positive number up to {Quota.TenantLimits.MaxFairShareWeight}.");
    }
}
