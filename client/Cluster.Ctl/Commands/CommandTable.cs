using Cluster.Ctl.Commands.Audit;
using Cluster.Ctl.Commands.Infer;
using Cluster.Ctl.Commands.Keys;
using Cluster.Ctl.Commands.Models;
using Cluster.Ctl.Commands.Policies;
using Cluster.Ctl.Commands.Tenants;
using Cluster.Ctl.Commands.Usage;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands;

/// <summary>Every clusterctl command, in the order help lists them. A new command is one line here.</summary>
public static class CommandTable
{
    public static IReadOnlyList<CommandSpec> All { get; } =
    [
        TenantCreateCommand.Spec,
        TenantGetCommand.Spec,
        TenantListCommand.Spec,
        TenantSuspendCommand.Spec,
        TenantResumeCommand.Spec,
        KeyIssueCommand.Spec,
        KeyListCommand.Spec,
        KeyRevokeCommand.Spec,
        PolicyGetCommand.Spec,
        PolicySetCommand.Spec,
        ModelListCommand.Spec,
        ModelCardCommand.Spec,
        ModelLifecycleCommand.Spec,
        ModelApproveCommand.Spec,
        ModelWithdrawCommand.Spec,
        UsageCommand.Spec,
        AuditListCommand.Spec,
        AuditVerifyCommand.Spec,
        AuditGovernanceCommand.Spec,
        InferCommand.Spec,
    ];
}
