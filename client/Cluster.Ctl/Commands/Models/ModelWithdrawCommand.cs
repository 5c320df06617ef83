using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Models;

/// <summary><c>model withdraw NAME VERSION --tenant ID|--all-tenants</c></summary>
public static class ModelWithdrawCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "model withdraw",
        Summary = "Withdraws a model version's approval from one tenant or from all tenants.",
        Arguments = ["NAME", "VERSION"],
        Options = ApprovalTarget.Options,
        OptionSynopsis = ApprovalTarget.Synopsis,
        Bind = Bind,
    };

    private static BoundCommand Bind(ParsedArguments args)
    {
        var target = ApprovalTarget.Parse(args);
        var request = new WithdrawApprovalRequest { Model = args.Argument("NAME"), Version = args.Argument("VERSION") };
        if (target.AllTenants) request.AllTenants = true;
        else request.TenantId = target.TenantId;
        return BoundCommand.Unary(
            request,
            (client, r, ct) => client.Models.WithdrawApprovalAsync(r, cancellationToken: ct),
            ModelView.Card);
    }
}
