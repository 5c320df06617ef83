namespace Cluster.Grains.Repository;

/// <summary>
/// ONNX Runtime thread counts a model asks for through config.json <c>parameters</c>
/// (<c>intra_op_thread_count</c>, <c>inter_op_thread_count</c>: the keys Triton's onnxruntime
/// backend reads). Null fields keep the silo's <c>OnnxRuntime</c> options; 0 lets ONNX Runtime choose.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.SessionThreadSettings")]
public sealed record class SessionThreadSettings
{
    /// <summary>Threads one run may use for a single operator.</summary>
    [Id(0)] public int? IntraOpThreads { get; init; }

    /// <summary>Threads that run independent operators at once (parallel execution mode only).</summary>
    [Id(1)] public int? InterOpThreads { get; init; }

    public bool IsEmpty => IntraOpThreads is null && InterOpThreads is null;
}
