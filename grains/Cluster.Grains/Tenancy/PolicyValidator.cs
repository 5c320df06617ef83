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
                throw GovernanceException.Invalid($"entitlement model '{Clip(e.Model)}' is not a valid model name.");
            if (e.Version is not (Entitlement.Latest or Entitlement.Any)
                && !(long.TryParse(e.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0))
                throw GovernanceException.Invalid($"entitlement '{e.Model}:{Clip(e.Version)}' must name a version number, 'latest' or '*'.");
        }
        foreach (var p in purposes)
        {
            if (!PurposeOfUse.Known.Contains(p))
                throw GovernanceException.Invalid($"purpose '{Clip(p)}' is not an HL7 v3 PurposeOfUse code (e.g. TREAT, HOPERAT, HRESCH, PUBHLTH).");
        }
        if (defaultPurpose.Length > 0 && Array.IndexOf(purposes, defaultPurpose) < 0)
            throw GovernanceException.Invalid($"default purpose '{Clip(defaultPurpose)}' must be one of the permitted purposes.");
    }

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
