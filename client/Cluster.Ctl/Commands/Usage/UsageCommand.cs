using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Usage;

/// <summary><c>usage TENANT [--from DATE] [--to DATE] [--by model|purpose|day] [--csv]</c></summary>
public static class UsageCommand
{
    /// <summary>The <c>--by</c> values, in the order help lists them.</summary>
    public static IReadOnlyList<string> Groupings { get; } = ["model", "purpose", "day"];

    public static CommandSpec Spec { get; } = new()
    {
        Name = "usage",
        Summary = "Shows a tenant's metered usage (successful inferences): requests, units, compute and queue time.",
        Arguments = ["TENANT"],
        Options =
        [
            new OptionSpec("--from", "DATE", "from this ISO-8601 date or time (default: the start of the current UTC month)"),
            new OptionSpec("--to", "DATE", "up to this date or time, exclusive; a date alone includes that whole day (default: now)"),
            new OptionSpec("--by", "model|purpose|day", "one row per model:version, purpose of use or UTC day (default: totals only)"),
            new OptionSpec("--csv", null, "print CSV: group,requests,units,compute_ms,queue_ms"),
        ],
        Bind = Bind,
    };

    private static BoundCommand Bind(ParsedArguments args)
    {
        var by = args.Value("--by") is { } text ? ValueParsers.Choice("--by", text, Groupings) : null;
        var csv = args.Has("--csv");
        if (csv && args.Globals.Json) throw new UsageException("give --csv or --json, not both");
        var request = new GetUsageRequest
        {
            TenantId = args.Argument("TENANT"),
            From = args.Value("--from") is { } from ? ValueParsers.Time("--from", from) : null,
            To = args.Value("--to") is { } to ? ValueParsers.Time("--to", to, dateMeansEndOfDay: true) : null,
            GroupBy = by switch
            {
                "model" => UsageGrouping.Model,
                "purpose" => UsageGrouping.Purpose,
                "day" => UsageGrouping.Day,
                _ => UsageGrouping.Unspecified,
            },
        };
        if (request.From is not null && request.To is not null && request.From.CompareTo(request.To) >= 0)
            throw new UsageException("--from must be before --to");
        return BoundCommand.Unary(
            request,
            (client, r, ct) => client.Usage.GetUsageAsync(r, cancellationToken: ct),
            response => new UsageResult(response, by, csv));
    }
}
