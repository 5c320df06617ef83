using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Keys;

/// <summary><c>key list TENANT</c></summary>
public static class KeyListCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "key list",
        Summary = "Lists a tenant's API keys (never their secrets).",
        Arguments = ["TENANT"],
        Bind = args => BoundCommand.Unary(
            new ListKeysRequest { TenantId = args.Argument("TENANT") },
            (client, request, ct) => client.Keys.ListKeysAsync(request, cancellationToken: ct),
            KeyView.List),
    };
}
