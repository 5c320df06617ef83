namespace Cluster.Grains.Repository;

/// <summary>
/// One model version as loaded from the repository: its validated contract, serving settings and
/// artifact identity. Immutable once registered.
/// </summary>
[GenerateSerializer, Immutable, Alias("cluster.ModelVersionDescriptor")]
public sealed record class ModelVersionDescriptor
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required long Version { get; init; }
    [Id(2)] public string Platform { get; init; } = "onnxruntime_onnx";

    /// <summary>Largest batch a request may carry; 0 means the model does not batch.</summary>
    [Id(3)] public int MaxBatchSize { get; init; }

    [Id(4)] public TensorSpec[] Inputs { get; init; } = [];
    [Id(5)] public TensorSpec[] Outputs { get; init; } = [];

    /// <summary>Execution device: <c>cpu</c>, <c>cuda:N</c> or <c>auto</c>.</summary>
    [Id(6)] public string Device { get; init; } = "auto";

    [Id(7)] public int InstanceCount { get; init; } = 1;

    /// <summary>The CUDA devices the instance group names (<c>gpus</c>); empty means any.</summary>
    [Id(18)] public int[] Gpus { get; init; } = [];
    [Id(8)] public DynamicBatchingSettings? DynamicBatching { get; init; }

    /// <summary>Requests the shard runs after loading, before it serves (<c>model_warmup</c>).</summary>
    [Id(19)] public WarmupSample[] Warmup { get; init; } = [];

    /// <summary>CUDA execution provider options from config.json <c>parameters</c>; null keeps ONNX Runtime's defaults.</summary>
    [Id(20)] public CudaProviderSettings? Cuda { get; init; }

    /// <summary>ONNX Runtime thread counts from config.json <c>parameters</c>; null keeps the silo's.</summary>
    [Id(21)] public SessionThreadSettings? Threads { get; init; }

    /// <summary>Path of model.onnx relative to the repository root.</summary>
    [Id(9)] public string ArtifactPath { get; init; } = "";

    [Id(10)] public string ArtifactSha256 { get; init; } = "";
    [Id(11)] public long ArtifactBytes { get; init; }

    /// <summary>The model's config.json in protobuf-JSON form, as served by ModelConfig.</summary>
    [Id(12)] public string ConfigJson { get; init; } = "{}";

    [Id(13)] public ModelVersionState State { get; init; }
    [Id(14)] public string Reason { get; init; } = "";

    /// <summary>The execution provider the validating session actually used (e.g. <c>cpu</c>).</summary>
    [Id(15)] public string LoadedDevice { get; init; } = "";

    /// <summary>Model card facts from the version's (or model's) card.json.</summary>
    [Id(16)] public Governance.ModelCardFacts Card { get; init; } = new("", "", "", "");

    /// <summary>The tenant that owns this private model (config parameter <c>owner_tenant</c>); empty for a public model.</summary>
    [Id(17)] public string OwnerTenant { get; init; } = "";

    public bool IsReady => State == ModelVersionState.Ready;
    public string VersionText => Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
