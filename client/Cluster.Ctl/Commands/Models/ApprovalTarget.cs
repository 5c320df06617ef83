using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Models;

/// <summary>The <c>--tenant ID | --all-tenants</c> choice of <c>model approve</c> and <c>model withdraw</c>.</summary>
public sealed record class ApprovalTarget(string? TenantId)
{
    public const string Synopsis = "(--tenant ID | --all-tenants)";

    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new OptionSpec("--tenant", "ID", "one tenant"),
        new OptionSpec("--all-tenants", null, "every tenant"),
    ];

    public bool AllTenants => TenantId is null;

    public static ApprovalTarget Parse(ParsedArguments args)
    {
        var tenant = args.Value("--tenant");
        var all = args.Has("--all-tenants");
        if (tenant is not null && all) throw new UsageException("give --tenant ID or --all-tenants, not both");
        if (tenant is null && !all) throw new UsageException("give --tenant ID or --all-tenants");
        return new ApprovalTarget(tenant);
    }
}
