namespace Cluster.Grains.Repository;

/// <summary>
/// ONNX Runtime CUDA execution provider options a model asks for through config.json
/// <c>parameters</c> (the keys Triton's onnxruntime backend reads, docs/model-repository.md). Null
/// fields keep ONNX Runtime's defaults.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.CudaProviderSettings")]
public sealed record class CudaProviderSettings
{
    /// <summary><c>EXHAUSTIVE</c>, <c>HEURISTIC</c> or <c>DEFAULT</c>: how cuDNN picks convolution algorithms.</summary>
    [Id(0)] public string? CudnnConvAlgoSearch { get; init; }

    /// <summary>Whether FP32 matrix maths may use TF32 tensor cores.</summary>
    [Id(1)] public bool? UseTf32 { get; init; }

    /// <summary><c>kNextPowerOfTwo</c> or <c>kSameAsRequested</c>: how the device memory arena grows.</summary>
    [Id(2)] public string? ArenaExtendStrategy { get; init; }

    /// <summary>Most bytes of device memory the session's arena may hold.</summary>
    [Id(3)] public long? GpuMemLimit { get; init; }

    /// <summary>Whether runs are captured as CUDA graphs (fixed input shapes only).</summary>
    [Id(4)] public bool? EnableCudaGraph { get; init; }

    public bool IsEmpty => CudnnConvAlgoSearch is null && UseTf32 is null && ArenaExtendStrategy is null && GpuMemLimit is null && EnableCudaGraph is null;

    /// <summary>The options in ONNX Runtime's key/value form, for <paramref name="deviceId"/>.</summary>
    public Dictionary<string, string> ToProviderOptions(int deviceId)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal) { ["device_id"] = deviceId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (CudnnConvAlgoSearch is { } search) options["cudnn_conv_algo_search"] = search;
        if (UseTf32 is { } tf32) options["use_tf32"] = tf32 ? "1" : "0";
        if (ArenaExtendStrategy is { } arena) options["arena_extend_strategy"] = arena;
        if (GpuMemLimit is { } limit) options["gpu_mem_limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (EnableCudaGraph is { } graph) options["enable_cuda_graph"] = graph ? "1" : "0";
        return options;
    }
}
