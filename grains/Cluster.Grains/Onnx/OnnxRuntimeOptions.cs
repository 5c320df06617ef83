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

    /// <summary>Most Run calls one shard executes at once; 0 means one per processor.</summary>
    public int MaxConcurrentExecutions { get; set; }

    public int EffectiveConcurrency => MaxConcurrentExecutions > 0 ? MaxConcurrentExecutions : Environment.ProcessorCount;
}
