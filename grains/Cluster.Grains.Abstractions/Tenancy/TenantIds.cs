using System.Text.RegularExpressions;

namespace Cluster.Grains.Tenancy;

/// <summary>Tenant id rules: <c>[a-z0-9-]{2,63}</c>.</summary>
public static partial class TenantIds
{
    [GeneratedRegex("^[a-z0-9-]{2,63}$")]
    private static partial Regex Pattern();

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);
}
