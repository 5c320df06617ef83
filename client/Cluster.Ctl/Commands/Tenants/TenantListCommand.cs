using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Tenants;

/// <summary><c>tenant list</c></summary>
public static class TenantListCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "tenant list",
        Summary = "Lists the tenants (operators).",
        Bind = _ => BoundCommand.Unary(
            new ListTenantsRequest(),
            (client, request, ct) => client.Tenants.ListTenantsAsync(request, cancellationToken: ct),
            TenantView.List),
    };
}
