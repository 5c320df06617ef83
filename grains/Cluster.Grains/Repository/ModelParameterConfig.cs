using System.Text.Json.Serialization;

namespace Cluster.Grains.Repository;

/// <summary>A free-form model parameter (Triton's <c>parameters</c> map entry).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class ModelParameterConfig
{
    public string StringValue { get; set; } = "";
}
