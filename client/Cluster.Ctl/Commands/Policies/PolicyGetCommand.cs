using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Policies;

/// <summary><c>policy get TENANT</c></summary>
public static class PolicyGetCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "policy get",
        Summary = "Shows a tenant's governance policy: entitled models, permitted purposes, revision.",
        Arguments = ["TENANT"],
        Bind = args => BoundCommand.Unary(
            new GetPolicyRequest { TenantId = args.Argument("TENANT") },
            (client, request, ct) => client.Policies.GetPolicyAsync(request, cancellationToken: ct),
            PolicyView.One),
    };
}
