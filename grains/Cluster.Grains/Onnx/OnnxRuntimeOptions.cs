namespace Cluster.Grains.Onnx;

/// <summary>How ONNX Runtime sessions run on this silo (configuration section <c>OnnxRuntime</c>).</summary>
public sealed class OnnxRuntimeOptions
{
    public const string SectionName = "OnnxRuntime";
    public const int DefaultInterOpThreads = 1;

    /// <summary>Threads one Run may use inside an operator; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Threads across independent operators (parallel execution mode only). Default 1.</summary>
    public int InterOpThreads { get; set; } = DefaultInterOpThreads;

    /// <summary>
    /// Whether idle intra-op threads spin. Off by default: concurrent Run calls on a small machine
    /// fight over spinning threads (measured here: 0.73x of in-process throughput with spinning,
    /// 0.95x without).
    /// </summary>
    public bool AllowSpinning { get; set; }

    public const int DefaultCudaConcurrentExecutions = 2;

    /// <summary>Most Run calls one CPU shard executes at once; 0 means one per processor.</summary>
    public int MaxConcurrentExecutions { get; set; }

    /// <summary>
    /// Most Run calls (batches) one CUDA shard executes at once; default 2, so one batch's copies
    /// overlap the other's compute while requests queue up into full batches. Measured on an H200
    /// (docs/performance.md, issue 11): 16 at once gave batches of ~10 rows and 17,941 seq/s on a
    /// pooled encoder; 2 gave 22,573; 1 gave 19,067.
    /// </summary>
    public int CudaConcurrentExecutions { get; set; } = DefaultCudaConcurrentExecutions;

    public int EffectiveConcurrency => MaxConcurrentExecutions > 0 ? MaxConcurrentExecutions : Environment.ProcessorCount;

    /// <summary>The concurrency of a shard on <paramref name="device"/> (<c>cpu</c> or <c>cuda:N</c>).</summary>
    public int ConcurrencyFor(string device) =>
        device.StartsWith("cuda", StringComparison.Ordinal) ? CudaConcurrentExecutions : EffectiveConcurrency;
}
