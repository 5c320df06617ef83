using Orleans.Concurrency;
using Cluster.Grains.Governance;

namespace Cluster.Grains.Repository;

/// <summary>
/// Holds the repository index. The scan (file reads, hashing, ONNX Runtime session loads) runs on
/// the thread pool, off the Orleans scheduler; each ready version is then registered with its
/// model's governance grain, which refuses a version whose artifact changed since it was first
/// registered (versions are immutable).
/// One activation per silo (a stateless worker, answered locally; <see cref="RepositoryWarmup"/>
/// scans when the silo becomes active): each silo reads the repository it serves from once, and a
/// silo that dies takes no index with it, so a shard re-activated elsewhere finds its descriptor
/// at once instead of waiting for the whole repository to be scanned and loaded again
/// (docs/resilience.md). <see cref="Reload"/> rescans the called silo's copy.
/// </summary>
[StatelessWorker(1)]
public sealed class ModelRepositoryGrain(ModelRepositoryScanner scanner) : Grain, IModelRepositoryGrain
{
    private RepositorySnapshot? _snapshot;

    public async Task<RepositorySnapshot> GetSnapshot() => _snapshot ??= await ScanAsync();

    public async Task<RepositorySnapshot> Reload() => _snapshot = await ScanAsync();

    public async Task<ModelVersionDescriptor?> GetVersion(string name, long version) =>
        (await GetSnapshot()).Find(name)?.Find(version);

    private async Task<RepositorySnapshot> ScanAsync()
    {
        var generation = (_snapshot?.Generation ?? 0) + 1;
        var scanned = await Task.Run(() => scanner.Scan(generation));
        var models = new List<ModelEntry>(scanned.Models.Length);
        foreach (var model in scanned.Models)
        {
            var versions = new List<ModelVersionDescriptor>(model.Versions.Length);
            foreach (var v in model.Versions)
            {
                if (!v.IsReady)
                {
                    versions.Add(v);
                    continue;
                }
                var result = await GrainFactory.GetGrain<IModelGovernanceGrain>(v.Name).Register(v.Version, v.ArtifactSha256, v.Card, v.OwnerTenant);
                versions.Add(result.Accepted ? v : v with { State = ModelVersionState.Unavailable, Reason = result.Reason });
            }
            models.Add(model with { Versions = [.. versions] });
        }
        return scanned with { Models = [.. models] };
    }
}
