using System.Globalization;
using Cluster.Admin.V1;
using Cluster.Ctl.Output;

namespace Cluster.Ctl.Commands.Policies;

/// <summary>Text view of a tenant's governance policy.</summary>
public static class PolicyView
{
    public static ICommandResult One(Policy policy) => new MessageResult(policy, output =>
        new FieldList()
            .Add("tenant", policy.TenantId)
            .Add("revision", policy.Revision.ToString(CultureInfo.InvariantCulture))
            .Add("updated", $"{Display.Time(policy.UpdatedAt)} by {Display.Text(policy.UpdatedBy)}")
            .Add("models", policy.Entitlements.Select(EntitlementParser.Format).ToList())
            .Add("purposes", Display.List(policy.PermittedPurposes))
            .Add("default purpose", Display.Text(policy.DefaultPurpose))
            .Add("limits", LimitLines(policy.Limits))
            .Write(output));

    /// <summary>One line per limit that is set (<c>rate 10/s, burst 20</c>, <c>concurrency 4</c>, ...); <c>none</c> when none is.</summary>
    public static IReadOnlyList<string> LimitLines(Limits? limits)
    {
        if (LimitsChange.IsNone(limits)) return ["none"];
        var lines = new List<string>();
        if (limits!.RatePerSecond > 0)
            lines.Add($"rate {Number(limits.RatePerSecond)}/s, burst {(limits.Burst > 0 ? Number(limits.Burst) : "one second of rate")}");
        if (limits.Concurrency > 0) lines.Add($"concurrency {Number(limits.Concurrency)}");
        if (limits.DailyUnits > 0) lines.Add($"daily units {Number(limits.DailyUnits)}");
        if (limits.MonthlyUnits > 0) lines.Add($"monthly units {Number(limits.MonthlyUnits)}");
        if (limits.FairShareWeight > 0) lines.Add($"fair-share weight {Number(limits.FairShareWeight)}");
        return lines.Count == 0 ? ["none"] : lines;
    }

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);
}
