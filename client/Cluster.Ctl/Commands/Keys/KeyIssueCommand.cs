using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Keys;

/// <summary><c>key issue TENANT --name NAME [--expires ISO8601]</c></summary>
public static class KeyIssueCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "key issue",
        Summary = "Issues an API key; prints the secret once, alone on the last line (JSON: field 'secret').",
        Arguments = ["TENANT"],
        Options =
        [
            new OptionSpec("--name", "NAME", "what the key is for, e.g. epic-prod") { Required = true },
            new OptionSpec("--expires", "ISO8601", "expiry time (UTC unless an offset is given); default never"),
        ],
        Bind = args => BoundCommand.Unary(
            new IssueKeyRequest
            {
                TenantId = args.Argument("TENANT"),
                Name = args.Value("--name")!,
                ExpiresAt = args.Value("--expires") is { } expires ? ValueParsers.Time("--expires", expires) : null,
            },
            (client, request, ct) => client.Keys.IssueKeyAsync(request, cancellationToken: ct),
            KeyView.Issued),
    };
}
