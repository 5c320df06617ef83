using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Policies;

/// <summary>
/// <c>policy set TENANT --model NAME[:VERSION|:latest|:*]... --purpose CODE... [--default-purpose CODE | --no-default-purpose]
/// [--rate PER_S [--burst N]] [--concurrency N] [--daily-units N] [--monthly-units N] [--weight W] [--no-limits] [--if-revision N]</c>.
/// Reads the policy, then writes it back changed (<see cref="PolicyChange"/>), conditional on the revision read.
/// </summary>
public static class PolicySetCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "policy set",
        Summary = "Sets a tenant's models and purposes of use, and changes its limits; keeps what no option mentions.",
        Arguments = ["TENANT"],
        OptionSynopsis = "--model NAME[:VERSION|:latest|:*]... --purpose CODE... [--default-purpose CODE | --no-default-purpose] " +
            "[--rate PER_S [--burst N]] [--concurrency N] [--daily-units N] [--monthly-units N] [--weight W] [--no-limits] [--if-revision N]",
        Options =
        [
            new OptionSpec("--model", "NAME[:VERSION|:latest|:*]", "an entitled model; no suffix means latest (replaces the list)") { Required = true, Repeatable = true },
            new OptionSpec("--purpose", "CODE", "a permitted HL7 v3 PurposeOfUse code (TREAT, HOPERAT, HRESCH, PUBHLTH, ...) (replaces the list)") { Required = true, Repeatable = true },
            new OptionSpec("--default-purpose", "CODE", "purpose assumed when a request states none; one of the --purpose codes (default: kept)"),
            new OptionSpec("--no-default-purpose", null, "remove the default purpose"),
            .. LimitsChange.Options,
            new OptionSpec("--if-revision", "N", "fail (FAILED_PRECONDITION) unless the policy is at revision N (default: the revision read first)"),
        ],
        Bind = Bind,
    };

    private static BoundCommand Bind(ParsedArguments args)
    {
        var purposes = new List<string>();
        foreach (var purpose in args.Values("--purpose"))
        {
            if (purpose.Length == 0) throw new UsageException("--purpose needs a non-empty code");
            if (!purposes.Contains(purpose)) purposes.Add(purpose);
        }
        var defaultPurpose = args.Value("--default-purpose");
        if (defaultPurpose is not null && args.Has("--no-default-purpose"))
            throw new UsageException("give --default-purpose or --no-default-purpose, not both");
        if (defaultPurpose is not null && !purposes.Contains(defaultPurpose))
            throw new UsageException($"--default-purpose {defaultPurpose} is not one of the --purpose codes ({string.Join(", ", purposes)})");
        var change = new PolicyChange(
            args.Argument("TENANT"),
            [.. args.Values("--model").Select(EntitlementParser.Parse)],
            purposes,
            defaultPurpose,
            args.Has("--no-default-purpose"),
            LimitsChange.Parse(args),
            args.Value("--if-revision") is { } revision ? ValueParsers.Integer("--if-revision", revision, 1, long.MaxValue) : null);

        // What would go to a tenant whose policy is empty; the real request is made from the policy read.
        return new BoundCommand(change.ToRequest(new Policy { TenantId = change.TenantId }), async (client, ct) =>
        {
            var current = await client.Policies.GetPolicyAsync(new GetPolicyRequest { TenantId = change.TenantId }, cancellationToken: ct).ResponseAsync.ConfigureAwait(false);
            SetPolicyRequest request;
            try
            {
                request = change.ToRequest(current);
            }
            catch (UsageException e)
            {
                throw e.WithCommand(Spec);
            }
            return PolicyView.One(await client.Policies.SetPolicyAsync(request, cancellationToken: ct).ResponseAsync.ConfigureAwait(false));
        });
    }
}
