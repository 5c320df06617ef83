using Orleans.Concurrency;
using Cluster.Grains.Governance;

namespace Cluster.Grains.Repository;

/// <summary>
/// Holds the repository index. Each scan first brings the local folder up to date
/// (<see cref="IModelRepositorySource"/>: nothing for a folder, a mirror of the container for Azure
/// Blob), then reads each model's registered artifact digests from its governance grain, then
/// scans on the thread pool, off the Orleans scheduler: each artifact is fingerprinted, and one
/// whose SHA-256 differs from its version's registered digest is refused before ONNX Runtime opens
/// it. Each ready version is then registered with its governance grain, which refuses it too
/// should it have changed in between (versions are immutable).
/// One activation per silo (a stateless worker, answered locally; <see cref="RepositoryWarmup"/>
/// scans when the silo becomes active): each silo reads the repository it serves from once, and a
/// silo that dies takes no index with it, so a shard re-activated elsewhere finds its descriptor
/// at once instead of waiting for the whole repository to be scanned and loaded again
/// (docs/resilience.md). <see cref="Reload"/> rescans the called silo's copy.
/// </summary>
[StatelessWorker(1)]
public sealed class ModelRepositoryGrain(ModelRepositoryScanner scanner, IModelRepositorySource source) : Grain, IModelRepositoryGrain
{
    private RepositorySnapshot? _snapshot;

    public async Task<RepositorySnapshot> GetSnapshot() => _snapshot ??= await ScanAsync();

    public async Task<RepositorySnapshot> Reload() => _snapshot = await ScanAsync();

    public async Task<ModelVersionDescriptor?> GetVersion(string name, long version) =>
        (await GetSnapshot()).Find(name)?.Find(version);

    private async Task<RepositorySnapshot> ScanAsync()
    {
        var generation = (_snapshot?.Generation ?? 0) + 1;
        await Task.Run(() => source.PrepareAsync(CancellationToken.None));
        var registered = await RegisteredAsync(scanner.ModelNames());
        var scanned = await Task.Run(() => scanner.Scan(generation, registered));
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

    private async Task<RegisteredDigests> RegisteredAsync(IReadOnlyList<string> models) =>
        RegisteredDigests.From(await Task.WhenAll(models.Select(m => GrainFactory.GetGrain<IModelGovernanceGrain>(m).Get())));
}
