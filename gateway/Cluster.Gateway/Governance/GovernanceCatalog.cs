using Cluster.Grains.Governance;

namespace Cluster.Gateway.Governance;

/// <summary>The gateway's copy of every model's governance (lifecycle, approvals, owner), refreshed with the model catalog.</summary>
public sealed class GovernanceCatalog
{
    private volatile IReadOnlyDictionary<string, ModelGovernance> _models = new Dictionary<string, ModelGovernance>();

    public void Update(IReadOnlyDictionary<string, ModelGovernance> models) => _models = models;

    /// <summary>The model's governance; a model not yet registered is treated as having only Draft versions.</summary>
    public ModelGovernance Get(string model) =>
        _models.TryGetValue(model, out var g) ? g : new ModelGovernance(model, "", []);

    /// <summary>Replaces one model's entry (after this gateway changed it), so its own next call sees the change.</summary>
    public void Put(ModelGovernance governance)
    {
        var copy = new Dictionary<string, ModelGovernance>(_models, StringComparer.Ordinal) { [governance.Model] = governance };
        _models = copy;
    }
}
