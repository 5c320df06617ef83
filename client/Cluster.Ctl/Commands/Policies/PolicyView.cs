using Cluster.Admin.V1;
using Cluster.Ctl.Output;

namespace Cluster.Ctl.Commands.Policies;

/// <summary>Text view of a tenant's governance policy.</summary>
public static class PolicyView
{
    public static ICommandResult One(Policy policy) => new MessageResult(policy, output =>
        new FieldList()
            .Add("tenant", policy.TenantId)
            .Add("revision", policy.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Add("updated", $"{Display.Time(policy.UpdatedAt)} by {Display.Text(policy.UpdatedBy)}")
            .Add("models", policy.Entitlements.Select(EntitlementParser.Format).ToList())
            .Add("purposes", Display.List(policy.PermittedPurposes))
            .Add("default purpose", Display.Text(policy.DefaultPurpose))
            .Write(output));
}
