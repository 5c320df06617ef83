using Cluster.Gateway.Catalog;
using Cluster.Grains.Inference;
using Cluster.Grains.Repository;

namespace Cluster.Gateway.DataPlane;

/// <summary>Gathers Triton statistics from every replica of the ready model versions asked about.</summary>
public sealed class StatisticsCollector(ModelCatalog catalog, ShardRouter router)
{
    public async Task<IReadOnlyList<ModelVersionStatistics>> CollectAsync(string name, string version, CancellationToken cancellationToken)
    {
        IEnumerable<ModelVersionDescriptor> versions = string.IsNullOrEmpty(name)
            ? catalog.Snapshot.Models.SelectMany(m => m.Versions).Where(v => v.IsReady)
            : string.IsNullOrEmpty(version)
                ? catalog.ResolveModel(name).Versions.Where(v => v.IsReady)
                : [catalog.Resolve(name, version)];
        var results = new List<ModelVersionStatistics>();
        foreach (var v in versions)
        {
            var shards = await Task.WhenAll(router.All(v).Select(g => g.GetStatistics())).WaitAsync(cancellationToken);
            results.Add(new ModelVersionStatistics(v.Name, v.VersionText, shards.Aggregate(Sum)));
        }
        return results;
    }

    private static ShardStatistics Sum(ShardStatistics a, ShardStatistics b) => new()
    {
        LastInferenceUnixMs = Math.Max(a.LastInferenceUnixMs, b.LastInferenceUnixMs),
        InferenceCount = a.InferenceCount + b.InferenceCount,
        ExecutionCount = a.ExecutionCount + b.ExecutionCount,
        Success = a.Success + b.Success,
        Fail = a.Fail + b.Fail,
        Queue = a.Queue + b.Queue,
        ComputeInput = a.ComputeInput + b.ComputeInput,
        ComputeInfer = a.ComputeInfer + b.ComputeInfer,
        ComputeOutput = a.ComputeOutput + b.ComputeOutput,
        Batches = a.Batches.Concat(b.Batches).GroupBy(x => x.BatchSize)
            .Select(g => g.Aggregate((x, y) => new BatchStatistics(x.BatchSize, x.ComputeInput + y.ComputeInput, x.ComputeInfer + y.ComputeInfer, x.ComputeOutput + y.ComputeOutput)))
            .OrderBy(x => x.BatchSize).ToArray(),
        Device = string.Join(",", new[] { a.Device, b.Device }.Where(d => d.Length > 0).Distinct()),
    };
}
