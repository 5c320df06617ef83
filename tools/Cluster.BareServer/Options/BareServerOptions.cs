namespace Cluster.BareServer.Options;

/// <summary>What the bare server serves and where. Parsed and checked by <see cref="BareServerOptionsParser"/>.</summary>
public sealed record BareServerOptions
{
    public const string DefaultRepository = "models";
    public const int DefaultPort = 8101;

    /// <summary>The model repository: <c>&lt;repo&gt;/&lt;model&gt;/config.json</c> and <c>&lt;repo&gt;/&lt;model&gt;/&lt;version&gt;/model.onnx</c>.</summary>
    public string Repository { get; init; } = DefaultRepository;

    /// <summary>The one model served; required.</summary>
    public string Model { get; init; } = "";

    /// <summary>The version folder served; required to exist.</summary>
    public string Version { get; init; } = "1";

    /// <summary>The loopback port of the HTTP/2-only (h2c) gRPC endpoint; 0 picks a free one (printed at start).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Most <c>Run</c> calls at once; further requests wait. Default: one per core, as the cluster's execution slots.</summary>
    public int MaxConcurrentRuns { get; init; } = Environment.ProcessorCount;

    /// <summary>ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose (one per core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>CUDA device to run on (ONNX Runtime's CUDA execution provider); -1, the default, is the CPU.</summary>
    public int CudaDevice { get; init; } = -1;

    /// <summary>The ONNX file served.</summary>
    public string OnnxPath => Path.Combine(Repository, Model, Version, "model.onnx");

    /// <summary>The model's config.json (its output list decides which outputs are returned).</summary>
    public string ConfigPath => Path.Combine(Repository, Model, "config.json");
}
