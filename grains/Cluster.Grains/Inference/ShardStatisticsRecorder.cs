using Cluster.Grains.Inference;

namespace Cluster.Grains.Inference;

/// <summary>
/// Accumulates a shard's Triton statistics. Updated only from the grain's own turns, so it needs
/// no locking.
/// </summary>
internal sealed class ShardStatisticsRecorder
{
    private readonly SortedDictionary<long, BatchStatistics> _batches = [];
    private ShardStatistics _totals = ShardStatistics.Empty;

    public void RecordSuccess(long batchSize, long totalNs, InferenceTimings t)
    {
        _totals = _totals with
        {
            LastInferenceUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            InferenceCount = _totals.InferenceCount + batchSize,
            ExecutionCount = _totals.ExecutionCount + 1,
            Success = _totals.Success.Add(totalNs),
            Queue = _totals.Queue.Add(t.QueueNs),
            ComputeInput = _totals.ComputeInput.Add(t.ComputeInputNs),
            ComputeInfer = _totals.ComputeInfer.Add(t.ComputeInferNs),
            ComputeOutput = _totals.ComputeOutput.Add(t.ComputeOutputNs),
        };
        var batch = _batches.TryGetValue(batchSize, out var b) ? b : new BatchStatistics(batchSize, default, default, default);
        _batches[batchSize] = batch with
        {
            ComputeInput = batch.ComputeInput.Add(t.ComputeInputNs),
            ComputeInfer = batch.ComputeInfer.Add(t.ComputeInferNs),
            ComputeOutput = batch.ComputeOutput.Add(t.ComputeOutputNs),
        };
    }

    public void RecordFailure(long totalNs) => _totals = _totals with { Fail = _totals.Fail.Add(totalNs) };

    public ShardStatistics Snapshot(string device) => _totals with { Batches = [.. _batches.Values], Device = device };
}
