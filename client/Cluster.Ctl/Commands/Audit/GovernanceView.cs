using Cluster.Admin.V1;
using Cluster.Ctl.Output;

namespace Cluster.Ctl.Commands.Audit;

/// <summary>Text view of governance events; the before/after states are in the JSON output only.</summary>
public static class GovernanceView
{
    public static ICommandResult List(ListGovernanceEventsResponse response) => new MessageResult(response, output =>
    {
        var table = new TextTable("TIME", "ACTION", "TARGET", "TENANT", "ACTOR", "ID");
        foreach (var e in response.Events)
        {
            table.Add(Display.Time(e.Time), e.Action, e.Target, Display.Text(e.TenantId), e.Actor, e.Id);
        }
        table.Write(output);
    });
}
