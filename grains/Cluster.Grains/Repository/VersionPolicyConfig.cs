using System.Text.Json.Serialization;

namespace Cluster.Grains.Repository;

/// <summary>Which versions serve: the latest N (default 1), all, or a specific list.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed class VersionPolicyConfig
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LatestPolicy? Latest { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, object>? All { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SpecificPolicy? Specific { get; set; }

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed class LatestPolicy
    {
        public int NumVersions { get; set; } = 1;
    }

    [JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
    public sealed class SpecificPolicy
    {
        public List<long> Versions { get; set; } = [];
    }
}
