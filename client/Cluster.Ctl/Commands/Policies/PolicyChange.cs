using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Policies;

/// <summary>
/// What <c>policy set</c> asks for, applied to the policy read just before (read-modify-write):
/// the models and purposes replace the policy's lists; the default purpose and the limits stay as
/// they are unless an option changes them; and the change is conditional on the revision read
/// (or on <c>--if-revision</c>), so a concurrent change fails with FAILED_PRECONDITION instead of
/// being overwritten.
/// </summary>
public sealed record class PolicyChange(
    string TenantId,
    IReadOnlyList<Entitlement> Entitlements,
    IReadOnlyList<string> PermittedPurposes,
    string? DefaultPurpose,
    bool RemoveDefaultPurpose,
    LimitsChange Limits,
    long? IfRevision)
{
    /// <summary>The request that makes this change to <paramref name="current"/>.</summary>
    /// <exception cref="UsageException">The current default purpose is not among the new purposes and no option says what to do.</exception>
    public SetPolicyRequest ToRequest(Policy current)
    {
        var request = new SetPolicyRequest
        {
            TenantId = TenantId,
            Entitlements = { Entitlements.Select(e => e.Clone()) },
            PermittedPurposes = { PermittedPurposes },
            DefaultPurpose = DefaultPurposeFor(current),
            ExpectedRevision = IfRevision ?? current.Revision,
            Limits = Limits.Apply(LimitsChange.IsNone(current.Limits) ? null : current.Limits),
        };
        return request;
    }

    private string DefaultPurposeFor(Policy current)
    {
        if (DefaultPurpose is not null) return DefaultPurpose;
        if (RemoveDefaultPurpose || current.DefaultPurpose.Length == 0) return "";
        if (PermittedPurposes.Contains(current.DefaultPurpose)) return current.DefaultPurpose;
        throw new UsageException(
            $"the current default purpose {current.DefaultPurpose} is not one of the --purpose codes ({string.Join(", ", PermittedPurposes)}); " +
            "give --default-purpose CODE or --no-default-purpose");
    }
}
