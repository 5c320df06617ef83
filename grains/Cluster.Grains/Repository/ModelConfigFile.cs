using System.Text.Json.Serialization;

namespace Cluster.Grains.Repository;

/// <summary>
/// A model's <c>config.json</c>: the protobuf-JSON form of Triton's ModelConfig, limited to the
/// fields this product serves (docs/model-repository.md). Unknown fields are refused so a typo
/// never passes silently.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ModelConfigFile
{
    public string? Name { get; set; }
    public string? Platform { get; set; }
    public string? Backend { get; set; }
    public int MaxBatchSize { get; set; }
    public List<ModelTensorConfig> Input { get; set; } = [];
    public List<ModelTensorConfig> Output { get; set; } = [];
    public VersionPolicyConfig? VersionPolicy { get; set; }
    public List<InstanceGroupConfig> InstanceGroup { get; set; } = [];
    public DynamicBatchingConfig? DynamicBatching { get; set; }
    public string? DefaultModelFilename { get; set; }
    public Dictionary<string, ModelParameterConfig> Parameters { get; set; } = [];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public List<ModelWarmupConfig>? ModelWarmup { get; set; }
}
