using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Audit;

/// <summary><c>audit TENANT [--from DATE] [--to DATE] [--limit N]</c>: the tenant's inference audit trail.</summary>
public static class AuditListCommand
{
    public const int MaxLimit = 10_000;

    public static CommandSpec Spec { get; } = new()
    {
        Name = "audit",
        Summary = "Lists a tenant's inference decisions (allowed and denied calls), oldest first.",
        Arguments = ["TENANT"],
        Options =
        [
            new OptionSpec("--from", "DATE", "from this ISO-8601 date or time"),
            new OptionSpec("--to", "DATE", "up to this date or time; a date alone includes that whole day"),
            new OptionSpec("--limit", "N", $"the most recent N records, 1 to {MaxLimit} (server default 100)"),
        ],
        Bind = Bind,
    };

    private static BoundCommand Bind(ParsedArguments args)
    {
        var request = new ListAuditRecordsRequest
        {
            TenantId = args.Argument("TENANT"),
            From = args.Value("--from") is { } from ? ValueParsers.Time("--from", from) : null,
            To = args.Value("--to") is { } to ? ValueParsers.Time("--to", to, dateMeansEndOfDay: true) : null,
            Limit = args.Value("--limit") is { } limit ? (int)ValueParsers.Integer("--limit", limit, 1, MaxLimit) : 0,
        };
        if (request.From is not null && request.To is not null && request.From.CompareTo(request.To) >= 0)
            throw new UsageException("--from must be before --to");
        return BoundCommand.Unary(
            request,
            (client, r, ct) => client.InferenceAudit.ListAuditRecordsAsync(r, cancellationToken: ct),
            InferenceAuditView.List);
    }
}
