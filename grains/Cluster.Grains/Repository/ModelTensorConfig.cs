using System.Text.Json.Serialization;

namespace Cluster.Grains.Repository;

/// <summary>An input or output of config.json; <c>dims</c> exclude the batch dimension when the model batches.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ModelTensorConfig
{
    public string Name { get; set; } = "";
    public string DataType { get; set; } = "";
    public List<long> Dims { get; set; } = [];
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Optional { get; set; }
}
