using Microsoft.Extensions.Options;

namespace Cluster.Gateway.Quota;

/// <summary>Fails start-up, naming the key, when a lease size is unusable.</summary>
public sealed class QuotaOptionsValidator : IValidateOptions<QuotaOptions>
{
    public ValidateOptionsResult Validate(string? name, QuotaOptions o)
    {
        const string s = QuotaOptions.SectionName;
        var failures = new List<string>();
        if (o.TokenLeaseSeconds is <= 0 or > 10) failures.Add($"{s}:TokenLeaseSeconds must lie in (0, 10].");
        if (o.UnitLeaseFraction is <= 0 or > 1) failures.Add($"{s}:UnitLeaseFraction must lie in (0, 1].");
        if (o.MaxUnitLease < 1) failures.Add($"{s}:MaxUnitLease must be at least 1.");
        if (o.LeaseWait <= TimeSpan.Zero || o.LeaseWait > TimeSpan.FromSeconds(30))
            failures.Add($"{s}:LeaseWait must be positive and at most 30 s (a lease normally takes milliseconds; this bounds the wait when the tenant grain does not answer).");
        if (o.SlotReleaseInterval <= TimeSpan.Zero || o.SlotReleaseInterval >= TimeSpan.FromSeconds(5))
            failures.Add($"{s}:SlotReleaseInterval must be positive and under 5 s: it also renews the slots this gateway holds, which tenants take back after 10 s without a renewal.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
