using Prometheus;

namespace Cluster.Grains.Inference.Batching;

/// <summary>
/// A shard's Prometheus series on its silo's metrics port: rows per execution
/// (<c>cluster_shard_batch_size</c>, a histogram, so its _count is the executions) and
/// executions (<c>cluster_shard_executions_total</c>), labelled by model and version only.
/// </summary>
internal sealed class ShardMetrics(string model, string version)
{
    private static readonly Histogram s_batchSize = Metrics.CreateHistogram(
        "cluster_shard_batch_size", "Rows per model execution run by this silo's inference shards.",
        new HistogramConfiguration { LabelNames = ["model", "version"], Buckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024] });

    private static readonly Counter s_executions = Metrics.CreateCounter(
        "cluster_shard_executions_total", "Model executions (batches) run by this silo's inference shards.", "model", "version");

    private readonly Histogram.Child _batchSize = s_batchSize.WithLabels(model, version);
    private readonly Counter.Child _executions = s_executions.WithLabels(model, version);

    public void Executed(long rows)
    {
        _batchSize.Observe(rows);
        _executions.Inc();
    }
}
