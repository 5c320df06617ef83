using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Tenants;

/// <summary><c>tenant get ID</c></summary>
public static class TenantGetCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "tenant get",
        Summary = "Shows one tenant.",
        Arguments = ["ID"],
        Bind = args => BoundCommand.Unary(
            new GetTenantRequest { Id = args.Argument("ID") },
            (client, request, ct) => client.Tenants.GetTenantAsync(request, cancellationToken: ct),
            TenantView.One),
    };
}
