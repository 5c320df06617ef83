using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Keys;

/// <summary><c>key revoke TENANT KEYID</c></summary>
public static class KeyRevokeCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "key revoke",
        Summary = "Revokes an API key; calls with it fail UNAUTHENTICATED from then on.",
        Arguments = ["TENANT", "KEYID"],
        Bind = args => BoundCommand.Unary(
            new RevokeKeyRequest { TenantId = args.Argument("TENANT"), KeyId = args.Argument("KEYID") },
            (client, request, ct) => client.Keys.RevokeKeyAsync(request, cancellationToken: ct),
            KeyView.One),
    };
}
