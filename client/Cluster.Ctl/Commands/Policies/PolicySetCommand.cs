using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Policies;

/// <summary>
/// <c>policy set TENANT --model NAME[:VERSION|:latest|:*]... --purpose CODE... [--default-purpose CODE] [--if-revision N]</c>.
/// Replaces the whole policy; <c>--if-revision</c> makes it conditional on the revision read before.
/// </summary>
public static class PolicySetCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "policy set",
        Summary = "Replaces a tenant's policy: the models it may call and the purposes of use it may state.",
        Arguments = ["TENANT"],
        Options =
        [
            new OptionSpec("--model", "NAME[:VERSION|:latest|:*]", "an entitled model; no suffix means latest") { Required = true, Repeatable = true },
            new OptionSpec("--purpose", "CODE", "a permitted HL7 v3 PurposeOfUse code (TREAT, HOPERAT, HRESCH, PUBHLTH, ...)") { Required = true, Repeatable = true },
            new OptionSpec("--default-purpose", "CODE", "purpose assumed when a request states none; one of the --purpose codes"),
            new OptionSpec("--if-revision", "N", "fail (FAILED_PRECONDITION) unless the policy is still at revision N"),
        ],
        Bind = Bind,
    };

    private static BoundCommand Bind(ParsedArguments args)
    {
        var request = new SetPolicyRequest { TenantId = args.Argument("TENANT") };
        request.Entitlements.Add(args.Values("--model").Select(EntitlementParser.Parse));
        foreach (var purpose in args.Values("--purpose"))
        {
            if (purpose.Length == 0) throw new UsageException("--purpose needs a non-empty code");
            if (!request.PermittedPurposes.Contains(purpose)) request.PermittedPurposes.Add(purpose);
        }
        if (args.Value("--default-purpose") is { } defaultPurpose)
        {
            if (!request.PermittedPurposes.Contains(defaultPurpose))
                throw new UsageException($"--default-purpose {defaultPurpose} is not one of the --purpose codes ({string.Join(", ", request.PermittedPurposes)})");
            request.DefaultPurpose = defaultPurpose;
        }
        if (args.Value("--if-revision") is { } revision)
        {
            request.ExpectedRevision = ValueParsers.Integer("--if-revision", revision, 1, long.MaxValue);
        }
        return BoundCommand.Unary(
            request,
            (client, r, ct) => client.Policies.SetPolicyAsync(r, cancellationToken: ct),
            PolicyView.One);
    }
}
