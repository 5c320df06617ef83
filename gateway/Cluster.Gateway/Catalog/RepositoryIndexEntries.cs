using Cluster.Grains.Repository;

namespace Cluster.Gateway.Catalog;

/// <summary>The repository index rows (Triton's RepositoryIndex): one per model version, or per failed model.</summary>
public static class RepositoryIndexEntries
{
    public const string Ready = "READY";
    public const string Unavailable = "UNAVAILABLE";

    public static IEnumerable<(string Name, string Version, string State, string Reason)> From(RepositorySnapshot snapshot, bool readyOnly)
    {
        foreach (var model in snapshot.Models)
        {
            if (model.Versions.Length == 0)
            {
                if (!readyOnly) yield return (model.Name, "", Unavailable, model.Reason);
                continue;
            }
            foreach (var v in model.Versions.OrderBy(v => v.Version))
            {
                if (readyOnly && !v.IsReady) continue;
                yield return (model.Name, v.VersionText, v.IsReady ? Ready : Unavailable, v.Reason);
            }
        }
    }
}
