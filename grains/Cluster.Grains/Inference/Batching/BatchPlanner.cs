namespace Cluster.Grains.Inference.Batching;

/// <summary>What the scheduler does next: run <see cref="Batch"/> now, or wait until <see cref="WakeAt"/> (the shard clock's timestamp ticks) for more requests.</summary>
internal readonly record struct BatchPlan(List<PendingRequest>? Batch, long WakeAt)
{
    public static BatchPlan Run(List<PendingRequest> batch) => new(batch, 0);

    public static BatchPlan Wait(long until) => new(null, until);
}

/// <summary>
/// Triton's dynamic batching decision, made when an execution slot is free. Walk the queue in
/// service order, adding requests while the batch stays within max_batch_size and the shapes can
/// join (<see cref="BatchShape"/>); the walk stops at the first request that cannot join, so no
/// request is overtaken. Then:
/// <list type="number">
/// <item>if some prefix of the walk is a preferred batch size, run the largest such prefix now;</item>
/// <item>else run everything walked when the batch cannot grow (max_batch_size reached, or the
/// next request does not fit), has reached the largest preferred size, the delay is 0, or the
/// oldest request in it has waited max_queue_delay;</item>
/// <item>else, when another request is unlikely to arrive within the delay (the recent mean gap
/// between arrivals, <see cref="ArrivalGap"/>, is more than four times max_queue_delay), run now:
/// waiting would only add the delay (max_queue_delay is the most a request waits, not the least);</item>
/// <item>else wait until that delay runs out (a new request or a free slot asks again sooner).</item>
/// </list>
/// </summary>
internal static class BatchPlanner
{
    /// <summary>How many queue delays the mean arrival gap may be before waiting is not worth it.</summary>
    public const int UnlikelyArrivalFactor = 4;

    public static BatchPlan Plan(IEnumerable<PendingRequest> inServiceOrder, BatchingPolicy policy, long now, long meanArrivalGapTicks = 0)
    {
        var batch = new List<PendingRequest>();
        var shape = new BatchShape(policy.PadVariableDimensions);
        long rows = 0;
        var preferred = 0;
        var oldest = long.MaxValue;
        var full = false;
        foreach (var request in inServiceOrder)
        {
            // The first request always starts a batch (validation keeps it within max_batch_size).
            if (batch.Count > 0 && (rows + request.Rows > policy.MaxBatchSize || !shape.TryAdd(request)))
            {
                full = true;
                break;
            }
            if (batch.Count == 0) shape.TryAdd(request);
            batch.Add(request);
            rows += request.Rows;
            oldest = Math.Min(oldest, request.Arrived);
            if (policy.IsPreferred(rows)) preferred = batch.Count;
            if (rows >= policy.MaxBatchSize)
            {
                full = true;
                break;
            }
        }
        if (batch.Count == 0) return BatchPlan.Wait(long.MaxValue);
        if (preferred > 0)
        {
            if (preferred < batch.Count) batch.RemoveRange(preferred, batch.Count - preferred);
            return BatchPlan.Run(batch);
        }
        var waitUntil = oldest + policy.MaxQueueDelayTicks;
        if (full || policy.MaxQueueDelayTicks == 0 || rows >= policy.LargestPreferred || now >= waitUntil)
            return BatchPlan.Run(batch);
        if (meanArrivalGapTicks > UnlikelyArrivalFactor * policy.MaxQueueDelayTicks) return BatchPlan.Run(batch);
        return BatchPlan.Wait(waitUntil);
    }
}
