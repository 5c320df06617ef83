using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Models;

/// <summary><c>model approve NAME VERSION --tenant ID|--all-tenants</c></summary>
public static class ModelApproveCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "model approve",
        Summary = "Approves a model version for one tenant or for all tenants.",
        Arguments = ["NAME", "VERSION"],
        Options = ApprovalTarget.Options,
        OptionSynopsis = ApprovalTarget.Synopsis,
        Bind = Bind,
    };

    private static BoundCommand Bind(ParsedArguments args)
    {
        var target = ApprovalTarget.Parse(args);
        var request = new ApproveModelRequest { Model = args.Argument("NAME"), Version = args.Argument("VERSION") };
        if (target.AllTenants) request.AllTenants = true;
        else request.TenantId = target.TenantId;
        return BoundCommand.Unary(
            request,
            (client, r, ct) => client.Models.ApproveModelAsync(r, cancellationToken: ct),
            ModelView.Card);
    }
}
