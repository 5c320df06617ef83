using System.Text.Json.Serialization;

namespace Cluster.Grains.Repository;

/// <summary>
/// Triton's instance group: <c>KIND_CPU</c> runs on CPU, <c>KIND_GPU</c> requires CUDA (device
/// <c>gpus[0]</c>, default 0), <c>KIND_AUTO</c> takes CUDA when it loads and CPU otherwise.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class InstanceGroupConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Name { get; set; }
    public int Count { get; set; } = 1;
    public string Kind { get; set; } = "KIND_AUTO";
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<int>? Gpus { get; set; }
}
