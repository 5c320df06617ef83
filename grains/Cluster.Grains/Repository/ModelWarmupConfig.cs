using System.Text.Json.Serialization;

namespace Cluster.Grains.Repository;

/// <summary>
/// One sample of Triton's <c>model_warmup</c>: a request the shard runs <see cref="Count"/> times
/// after loading, before it serves, so the first real calls do not pay for lazy initialisation
/// (CUDA kernels, cuDNN algorithm search, arenas). Inputs by name; <see cref="BatchSize"/> rows for
/// a model that batches.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ModelWarmupConfig
{
    public string Name { get; set; } = "";
    public int BatchSize { get; set; } = 1;
    public int Count { get; set; } = 1;
    public Dictionary<string, WarmupInputConfig> Inputs { get; set; } = [];
}
