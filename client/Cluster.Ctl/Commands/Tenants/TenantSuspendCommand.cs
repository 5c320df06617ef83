using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Tenants;

/// <summary><c>tenant suspend ID [--reason TEXT]</c></summary>
public static class TenantSuspendCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "tenant suspend",
        Summary = "Suspends a tenant: its calls are refused (PERMISSION_DENIED) until it is resumed.",
        Arguments = ["ID"],
        Options = [new OptionSpec("--reason", "TEXT", "why, recorded with the tenant and in the audit trail")],
        Bind = args => BoundCommand.Unary(
            new SuspendTenantRequest { Id = args.Argument("ID"), Reason = args.Value("--reason") ?? "" },
            (client, request, ct) => client.Tenants.SuspendTenantAsync(request, cancellationToken: ct),
            TenantView.One),
    };
}
