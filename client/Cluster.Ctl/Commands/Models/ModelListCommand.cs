using Cluster.Admin.V1;
using Cluster.Ctl.CommandLine;

namespace Cluster.Ctl.Commands.Models;

/// <summary><c>model list</c></summary>
public static class ModelListCommand
{
    public static CommandSpec Spec { get; } = new()
    {
        Name = "model list",
        Summary = "Lists the model versions you can see: lifecycle state, serving state, approvals.",
        Bind = _ => BoundCommand.Unary(
            new ListModelsRequest(),
            (client, request, ct) => client.Models.ListModelsAsync(request, cancellationToken: ct),
            ModelView.List),
    };
}
