namespace Cluster.Grains.Repository;

/// <summary>
/// Holds the repository index. The scan (file reads, hashing, ONNX Runtime session loads) runs on
/// the thread pool, off the Orleans scheduler.
/// </summary>
public sealed class ModelRepositoryGrain(ModelRepositoryScanner scanner) : Grain, IModelRepositoryGrain
{
    private RepositorySnapshot? _snapshot;

    public async Task<RepositorySnapshot> GetSnapshot() => _snapshot ??= await ScanAsync();

    public async Task<RepositorySnapshot> Reload() => _snapshot = await ScanAsync();

    public async Task<ModelVersionDescriptor?> GetVersion(string name, long version) =>
        (await GetSnapshot()).Find(name)?.Find(version);

    private Task<RepositorySnapshot> ScanAsync()
    {
        var generation = (_snapshot?.Generation ?? 0) + 1;
        return Task.Run(() => scanner.Scan(generation));
    }
}
