namespace Cluster.Grains.Inference;

/// <summary>
/// Accumulates a shard's Triton statistics. Per request: success, fail, queue and the compute
/// times of the execution it ran in. Per execution: inference_count (rows), execution_count and
/// the batch statistics of its batch size. The batcher records from its own threads, so every
/// update takes a lock (a few additions; never contended for long). The last inference's time
/// comes from the shard's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ShardStatisticsRecorder(TimeProvider time)
{
    /// <summary>A recorder on the system clock.</summary>
    public ShardStatisticsRecorder() : this(TimeProvider.System) { }

    private readonly Lock _gate = new();
    private readonly SortedDictionary<long, BatchStatistics> _batches = [];
    private ShardStatistics _totals = ShardStatistics.Empty;

    /// <summary>A request that ran alone as one execution of <paramref name="batchSize"/> rows (the unbatched path).</summary>
    public void RecordSuccess(long batchSize, long totalNs, InferenceTimings t)
    {
        lock (_gate)
        {
            AddExecution(batchSize, t);
            AddRequest(totalNs, t);
        }
    }

    /// <summary>One model execution of <paramref name="batchSize"/> rows, however many requests it carried.</summary>
    public void RecordExecution(long batchSize, InferenceTimings t)
    {
        lock (_gate) AddExecution(batchSize, t);
    }

    /// <summary>One request answered successfully; <paramref name="t"/> holds its queue time and its execution's compute times.</summary>
    public void RecordRequest(long totalNs, InferenceTimings t)
    {
        lock (_gate) AddRequest(totalNs, t);
    }

    public void RecordFailure(long totalNs)
    {
        lock (_gate) _totals = _totals with { Fail = _totals.Fail.Add(totalNs) };
    }

    public ShardStatistics Snapshot(string device)
    {
        lock (_gate) return _totals with { Batches = [.. _batches.Values], Device = device };
    }

    private void AddExecution(long batchSize, InferenceTimings t)
    {
        _totals = _totals with
        {
            InferenceCount = _totals.InferenceCount + batchSize,
            ExecutionCount = _totals.ExecutionCount + 1,
        };
        var batch = _batches.TryGetValue(batchSize, out var b) ? b : new BatchStatistics(batchSize, default, default, default);
        _batches[batchSize] = batch with
        {
            ComputeInput = batch.ComputeInput.Add(t.ComputeInputNs),
            ComputeInfer = batch.ComputeInfer.Add(t.ComputeInferNs),
            ComputeOutput = batch.ComputeOutput.Add(t.ComputeOutputNs),
        };
    }

    private void AddRequest(long totalNs, InferenceTimings t) => _totals = _totals with
    {
        LastInferenceUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        Success = _totals.Success.Add(totalNs),
        Queue = _totals.Queue.Add(t.QueueNs),
        ComputeInput = _totals.ComputeInput.Add(t.ComputeInputNs),
        ComputeInfer = _totals.ComputeInfer.Add(t.ComputeInferNs),
        ComputeOutput = _totals.ComputeOutput.Add(t.ComputeOutputNs),
    };
}
