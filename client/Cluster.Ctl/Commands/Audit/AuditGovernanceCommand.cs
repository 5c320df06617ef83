using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Audit;

/// <summary><c>audit governance [--tenant ID] [--from DATE] [--to DATE] [--limit N]</c></summary>
public static class AuditGovernanceCommand
{
    public const int MaxLimit = 1000;

    public static CommandSpec Spec { get; } = new()
    {
        Name = "audit governance",
        Summary = "Lists governance changes (tenants, keys, policies, models): who, when, what.",
        Options =
        [
            new OptionSpec("--tenant", "ID", "only changes concerning this tenant (tenant keys see only their own)"),
            new OptionSpec("--from", "DATE", "from this ISO-8601 date or time"),
            new OptionSpec("--to", "DATE", "up to this date or time; a date alone includes that whole day"),
            new OptionSpec("--limit", "N", $"at most N events, 1 to {MaxLimit} (server default 100)"),
        ],
        Bind = Bind,
    };

    private static BoundCommand Bind(ParsedArguments args)
    {
        var request = new ListGovernanceEventsRequest
        {
            TenantId = args.Value("--tenant") ?? "",
            From = args.Value("--from") is { } from ? ValueParsers.Time("--from", from) : null,
            To = args.Value("--to") is { } to ? ValueParsers.Time("--to", to, dateMeansEndOfDay: true) : null,
            Limit = args.Value("--limit") is { } limit ? (int)ValueParsers.Integer("--limit", limit, 1, MaxLimit) : 0,
        };
        if (request.From is not null && request.To is not null && request.From.CompareTo(request.To) >= 0)
            throw new UsageException("--from must be before --to");
        return BoundCommand.Unary(
            request,
            (client, r, ct) => client.GovernanceAudit.ListGovernanceEventsAsync(r, cancellationToken: ct),
            GovernanceView.List);
    }
}
