using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Cluster.Grains.Inference.Batching;

/// <summary>
/// A request waiting in (or taken from) a shard's batch queue: the request, its inputs in the
/// model's input order, its rows, queue level, times (timestamp ticks of the shard's TimeProvider) and the completion its
/// caller awaits.
/// </summary>
internal sealed class PendingRequest(InferenceRequest request, InferenceTensor[] inputs, long rows, int level, long arrived, long deadline)
{
    public InferenceRequest Request { get; } = request;

    /// <summary>The request's inputs in the order of the model's inputs.</summary>
    public InferenceTensor[] Inputs { get; } = inputs;

    public long Rows { get; } = rows;
    public int Level { get; } = level;

    /// <summary>When the shard received the request: queue time and total time count from here.</summary>
    public long Arrived { get; } = arrived;

    /// <summary>When the request's queue timeout passes; <see cref="long.MaxValue"/> for none.</summary>
    public long Deadline { get; } = deadline;

    /// <summary>The trace of the grain call that queued it (default when not traced): its queue and run spans' parent.</summary>
    public ActivityContext Trace { get; init; }

    /// <summary>The fair-share start tag (virtual time) the queue gave it.</summary>
    public double Tag { get; set; }

    /// <summary>Arrival order, the last tie-breaker.</summary>
    public long Sequence { get; set; }

    /// <summary>Whether it is still in the queue (not yet run, expired or refused).</summary>
    public bool Queued { get; set; }

    /// <summary>Its entry in the batcher's deadline heap, emptied when it leaves the queue so the heap keeps no tensors alive.</summary>
    public StrongBox<PendingRequest?>? DeadlineEntry { get; set; }

    public TaskCompletionSource<InferenceResponse> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
