using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Audit;

/// <summary><c>audit verify TENANT</c>: recomputes the tenant's audit hash chain; exit code 3 when it is broken.</summary>
public static class AuditVerifyCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "audit verify",
        Summary = "Verifies a tenant's inference audit hash chain; exit code 3 names the first broken record.",
        Arguments = ["TENANT"],
        Bind = args => BoundCommand.Unary(
            new VerifyAuditChainRequest { TenantId = args.Argument("TENANT") },
            (client, request, ct) => client.InferenceAudit.VerifyAuditChainAsync(request, cancellationToken: ct),
            response => new VerifyResult(response)),
    };
}
