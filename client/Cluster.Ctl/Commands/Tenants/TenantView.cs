using Cluster.Admin.V1;
using Cluster.Ctl.Output;

namespace Cluster.Ctl.Commands.Tenants;

/// <summary>Text views of tenants.</summary>
public static class TenantView
{
    public static ICommandResult One(Tenant tenant) => new MessageResult(tenant, output =>
    {
        var fields = new FieldList()
            .Add("id", tenant.Id)
            .Add("name", Display.Text(tenant.DisplayName))
            .Add("state", Display.Enum(tenant.State));
        if (tenant.State == TenantState.Suspended) fields.Add("suspended", Display.Text(tenant.SuspendedReason));
        fields.Add("created", Display.Time(tenant.CreatedAt)).Add("updated", Display.Time(tenant.UpdatedAt)).Write(output);
    });

    public static ICommandResult List(ListTenantsResponse response) => new MessageResult(response, output =>
    {
        var table = new TextTable("ID", "NAME", "STATE", "CREATED", "UPDATED");
        foreach (var t in response.Tenants)
        {
            table.Add(t.Id, Display.Text(t.DisplayName), Display.Enum(t.State), Display.Time(t.CreatedAt), Display.Time(t.UpdatedAt));
        }
        table.Write(output);
    });
}
