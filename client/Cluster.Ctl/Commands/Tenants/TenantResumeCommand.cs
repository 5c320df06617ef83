using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Tenants;

/// <summary><c>tenant resume ID</c></summary>
public static class TenantResumeCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "tenant resume",
        Summary = "Resumes a suspended tenant.",
        Arguments = ["ID"],
        Bind = args => BoundCommand.Unary(
            new ResumeTenantRequest { Id = args.Argument("ID") },
            (client, request, ct) => client.Tenants.ResumeTenantAsync(request, cancellationToken: ct),
            TenantView.One),
    };
}
