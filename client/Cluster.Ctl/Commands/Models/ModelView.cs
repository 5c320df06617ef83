using Cluster.Admin.V1;
using Cluster.Ctl.Output;

namespace Cluster.Ctl.Commands.Models;

/// <summary>Text views of model versions and their cards.</summary>
public static class ModelView
{
    public static ICommandResult List(ListModelsResponse response) => new MessageResult(response, output =>
    {
        var table = new TextTable("MODEL", "VERSION", "STATE", "SERVING", "APPROVED FOR", "OWNER", "SUNSET");
        foreach (var v in response.Versions)
        {
            table.Add(v.Model, v.Version, Display.Enum(v.State), Display.Text(v.ServingState), Approvals(v), Display.Text(v.OwnerTenant), Display.Time(v.SunsetAt));
        }
        table.Write(output);
    });

    public static ICommandResult Card(ModelVersion v) => new MessageResult(v, output =>
    {
        var card = v.Card ?? new ModelCard();
        var serving = Display.Text(v.ServingState) + (string.IsNullOrEmpty(v.ServingReason) ? "" : $" ({v.ServingReason})");
        new FieldList()
            .Add("model", v.Model)
            .Add("version", v.Version)
            .Add("state", Display.Enum(v.State))
            .Add("sunset", Display.Time(v.SunsetAt))
            .Add("serving", serving)
            .Add("approved for", Approvals(v))
            .Add("owner", string.IsNullOrEmpty(v.OwnerTenant) ? "- (shared)" : $"{v.OwnerTenant} (private)")
            .Add("registered", Display.Time(v.RegisteredAt))
            .Add("artifact sha256", Display.Text(v.ArtifactSha256))
            .Add("intended use", Display.Text(card.IntendedUse))
            .Add("training data", Display.Text(card.TrainingData))
            .Add("evaluation", Display.Text(card.Evaluation))
            .Add("limitations", Display.Text(card.Limitations))
            .Write(output);
    });

    /// <summary><c>all tenants</c>, the tenant ids, or "-".</summary>
    public static string Approvals(ModelVersion v) =>
        v.ApprovedForAllTenants ? "all tenants" : Display.List(v.ApprovedTenants);
}
