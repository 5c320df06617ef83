using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Models;

/// <summary><c>model card NAME VERSION</c></summary>
public static class ModelCardCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "model card",
        Summary = "Shows one model version: its card, artifact digest, lifecycle and approvals.",
        Arguments = ["NAME", "VERSION"],
        Bind = args => BoundCommand.Unary(
            new GetModelCardRequest { Model = args.Argument("NAME"), Version = args.Argument("VERSION") },
            (client, request, ct) => client.Models.GetModelCardAsync(request, cancellationToken: ct),
            ModelView.Card),
    };
}
