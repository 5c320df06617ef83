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

    // Mutable totals under the lock: a request adds to fields and allocates nothing (the record is
    // built only for a snapshot). With many models each request is often its own execution, so a
    // record copy per update was three allocations per request.
    private readonly SortedDictionary<long, BatchTotals> _batches = [];
    private long _lastInferenceUnixMs, _inferenceCount, _executionCount;
    private StatisticDuration _success, _fail, _queue, _computeInput, _computeInfer, _computeOutput;

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
        lock (_gate) _fail = _fail.Add(totalNs);
    }

    public ShardStatistics Snapshot(string device)
    {
        lock (_gate)
        {
            return new ShardStatistics
            {
                LastInferenceUnixMs = _lastInferenceUnixMs,
                InferenceCount = _inferenceCount,
                ExecutionCount = _executionCount,
                Success = _success,
                Fail = _fail,
                Queue = _queue,
                ComputeInput = _computeInput,
                ComputeInfer = _computeInfer,
                ComputeOutput = _computeOutput,
                Batches = [.. _batches.Select(b => new BatchStatistics(b.Key, b.Value.ComputeInput, b.Value.ComputeInfer, b.Value.ComputeOutput))],
                Device = device,
            };
        }
    }

    private void AddExecution(long batchSize, InferenceTimings t)
    {
        _inferenceCount += batchSize;
        _executionCount++;
        if (!_batches.TryGetValue(batchSize, out var batch)) _batches[batchSize] = batch = new BatchTotals();
        batch.ComputeInput = batch.ComputeInput.Add(t.ComputeInputNs);
        batch.ComputeInfer = batch.ComputeInfer.Add(t.ComputeInferNs);
        batch.ComputeOutput = batch.ComputeOutput.Add(t.ComputeOutputNs);
    }

    private void AddRequest(long totalNs, InferenceTimings t)
    {
        _lastInferenceUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        _success = _success.Add(totalNs);
        _queue = _queue.Add(t.QueueNs);
        _computeInput = _computeInput.Add(t.ComputeInputNs);
        _computeInfer = _computeInfer.Add(t.ComputeInferNs);
        _computeOutput = _computeOutput.Add(t.ComputeOutputNs);
    }

    /// <summary>One batch size's compute totals, changed in place under the recorder's lock.</summary>
    private sealed class BatchTotals
    {
        public StatisticDuration ComputeInput, ComputeInfer, ComputeOutput;
    }
}
