using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Tenants;

/// <summary><c>tenant create ID --name NAME</c></summary>
public static class TenantCreateCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "tenant create",
        Summary = "Creates a tenant (a health system); ID is [a-z0-9-]{2,63}.",
        Arguments = ["ID"],
        Options = [new OptionSpec("--name", "NAME", "display name, e.g. \"Mayo Clinic\"") { Required = true }],
        Bind = args => BoundCommand.Unary(
            new CreateTenantRequest { Id = args.Argument("ID"), DisplayName = args.Value("--name")! },
            (client, request, ct) => client.Tenants.CreateTenantAsync(request, cancellationToken: ct),
            TenantView.One),
    };
}
